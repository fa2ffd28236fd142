import { resourceBodies } from './bicep-resource-bodies.js';
import { READ_ONLY, type AzProperty, type AzResource, type AzType } from './bicep-types.js';
import { objectEntries, scan } from './bicep-text.js';

/** Keys Bicep itself gives every resource body, beside the type's own properties. */
const BICEP_KEYWORDS = new Set(['parent', 'scope', 'dependsOn']);

/**
 * What the Bicep compiler checks of each resource against Azure's published types, done without a compiler: the type
 * and API version exist, every property set exists (recursively, into objects and arrays of objects), no read-only
 * property is set, and string literals given to enum-typed properties are allowed values. Values the text alone
 * cannot evaluate (parameters, variables, function calls, conditionals) are left alone. Returns one line per problem.
 */
export function typeCheck(text: string, types: Map<string, AzResource>): string[] {
  const problems: string[] = [];
  for (const r of resourceBodies(text)) {
    const where = `line ${r.line}, ${r.symbol} (${r.type}@${r.apiVersion})`;
    const resource = types.get(`${r.type}@${r.apiVersion}`.toLowerCase());
    if (!resource) {
      const versions = [...types.values()]
        .filter((t) => t.name.toLowerCase().startsWith(`${r.type.toLowerCase()}@`))
        .map((t) => t.name.split('@')[1]);
      problems.push(
        versions.length > 0
          ? `${where}: API version ${r.apiVersion} is not one of the vendored ones (${versions.join(', ')})`
          : `${where}: resource type not in the vendored types (infra/azure/type-check/vendor.js)`,
      );
      continue;
    }
    const check = new ValueCheck(resource.types, (path, message) => problems.push(`${where}: ${path}: ${message}`));
    check.object(r.body, resource.body, '', BICEP_KEYWORDS);
  }
  return problems;
}

class ValueCheck {
  constructor(
    private readonly types: AzType[],
    private readonly report: (path: string, message: string) => void,
  ) {}

  value(source: string, index: number, path: string): void {
    const type = this.types[index]!;
    if (type.$type === 'AnyType') return;
    if (isWhole(source, '{')) this.object(source, index, path);
    else if (isWhole(source, '[')) this.array(source, index, path);
    else {
      const literal = stringLiteral(source);
      if (literal !== undefined) this.string(literal, index, path);
    }
  }

  object(source: string, index: number, path: string, alsoAllowed: Set<string> = new Set()): void {
    const entries = objectEntries(source);
    const properties = this.propertiesFor(index, entries, path);
    if (!properties) return;
    for (const [key, value] of entries) {
      const at = path ? `${path}.${key}` : key;
      const property = properties.known[key];
      if (property) {
        if (property.flags & READ_ONLY) this.report(at, 'is read-only');
        else this.value(value, property.type, at);
      } else if (properties.additional !== undefined) this.value(value, properties.additional, at);
      else if (!alsoAllowed.has(key) && !key.includes('${'))
        this.report(at, `is not a property of ${properties.name} (known: ${Object.keys(properties.known).join(', ')})`);
    }
  }

  /** The properties an object literal may set against the given type, or undefined when it is no object type. */
  private propertiesFor(
    index: number,
    entries: [string, string][],
    path: string,
  ): { name: string; known: Record<string, AzProperty>; additional?: number } | undefined {
    const type = this.types[index]!;
    if (type.$type === 'ObjectType') return { name: type.name, known: type.properties, additional: type.additionalProperties };
    if (type.$type === 'DiscriminatedObjectType') {
      const given = entries.find(([key]) => key === type.discriminator);
      const literal = given && stringLiteral(given[1]);
      const chosen = literal === undefined ? Object.values(type.elements) : [type.elements[literal]];
      if (chosen[0] === undefined) {
        this.report(`${path}.${type.discriminator}`, `'${literal}' is not one of ${Object.keys(type.elements).join(', ')}`);
        return undefined;
      }
      const known = { ...type.baseProperties };
      for (const element of chosen) {
        const t = this.types[element!]!;
        if (t.$type === 'ObjectType') Object.assign(known, t.properties);
      }
      return { name: type.name, known };
    }
    if (type.$type === 'UnionType') {
      // Unions of object types (rare): check against the first that is one.
      const object = type.elements.find((e) => ['ObjectType', 'DiscriminatedObjectType'].includes(this.types[e]!.$type));
      if (object !== undefined) return this.propertiesFor(object, entries, path);
    }
    if (type.$type !== 'AnyType') this.report(path, `is ${type.$type}, given an object`);
    return undefined;
  }

  private array(source: string, index: number, path: string): void {
    const type = this.types[index]!;
    const array = type.$type === 'UnionType' ? type.elements.find((e) => this.types[e]!.$type === 'ArrayType') : index;
    const chosen = array === undefined ? type : this.types[array]!;
    if (chosen.$type === 'ArrayType') for (const item of arrayItems(source)) this.value(item, chosen.itemType, `${path}[]`);
    else if (chosen.$type !== 'AnyType') this.report(path, `is ${type.$type}, given an array`);
  }

  private string(literal: string, index: number, path: string): void {
    const allowed = this.literals(index);
    if (allowed === 'any') return;
    if (allowed === 'none') this.report(path, `is ${this.types[index]!.$type}, given the string '${literal}'`);
    else if (!allowed.includes(literal)) this.report(path, `'${literal}' is not one of ${allowed.map((v) => `'${v}'`).join(', ')}`);
  }

  /** The strings a type accepts: any (a string type is among them), a closed list, or none (not a string type). */
  private literals(index: number): string[] | 'any' | 'none' {
    const type = this.types[index]!;
    if (type.$type === 'StringLiteralType') return [type.value];
    if (type.$type === 'StringType' || type.$type === 'AnyType') return 'any';
    if (type.$type !== 'UnionType') return 'none';
    const values: string[] = [];
    for (const element of type.elements) {
      const inner = this.literals(element);
      if (inner === 'any') return 'any';
      if (inner !== 'none') values.push(...inner);
    }
    return values;
  }
}

/** Whether the source is one `{...}` or `[...]` literal, nothing before or after it. */
function isWhole(source: string, opener: '{' | '['): boolean {
  if (!source.startsWith(opener)) return false;
  const { code } = scan(source);
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if ('{[('.includes(c)) depth += 1;
    else if ('}])'.includes(c)) depth -= 1;
    if (depth === 0) return code.slice(i + 1).trim() === '';
  }
  return false;
}

/** A single-quoted string without interpolation, unescaped; undefined for anything else. */
function stringLiteral(source: string): string | undefined {
  const m = /^'((?:[^'\\$]|\\.|\$(?!\{))*)'$/s.exec(source.trim());
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
}

/**
 * The items of an array literal (one a line, or comma-separated). A `[for x in xs: item]` loop yields its item, past
 * any `if (...)`.
 */
function arrayItems(source: string): string[] {
  const { code } = scan(source);
  const loop = /^\[\s*for\b/.exec(code);
  if (loop) {
    const colon = topLevelColon(code);
    const item = source.slice(colon + 1, source.lastIndexOf(']')).trim();
    const guard = /^if\s*\(/.exec(item) ? item.slice(item.search(/[{[']/)) : item;
    return [guard];
  }
  const items: string[] = [];
  let depth = 0;
  let from = 1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if ('{[('.includes(c)) depth += 1;
    else if ('}])'.includes(c)) depth -= 1;
    if ((depth === 1 && (c === ',' || c === '\n')) || (depth === 0 && c === ']')) {
      const item = source.slice(from, i).trim();
      if (item) items.push(item);
      from = i + 1;
    }
  }
  return items;
}

/** The `:` that ends a `[for ...]` header: the first one at the loop's own bracket depth. */
function topLevelColon(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if ('{[('.includes(c)) depth += 1;
    else if ('}])'.includes(c)) depth -= 1;
    else if (c === ':' && depth === 1) return i;
  }
  throw new Error(`no ':' in a for loop: ${code.slice(0, 40)}`);
}
