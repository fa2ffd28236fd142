import { blockAt, varObjectEntries, type BicepFile } from './bicep-text.js';

/** One `Microsoft.Authorization/roleAssignments` resource of a template, as its text says. */
export interface Assignment {
  file: string;
  symbol: string;
  /** The built-in role's GUID. */
  role: string;
  /** The type of the resource it is scoped to (`scope: x`), or the file's target scope. */
  scope: string;
  /** The symbol of that resource, if any. */
  scopeSymbol?: string;
  /** The condition of `= if (…) {`, if any. */
  condition?: string;
  /** The source of `principalId:`. */
  principal?: string;
}

/** Role ids a file names: `var x = '<guid>'` and the entries of `var roles = { key: '<guid>' }` (as `roles.key`). */
function roleIds(file: BicepFile): Map<string, string> {
  const ids = new Map<string, string>();
  for (const m of file.text.matchAll(/^var\s+(\w+)\s*=\s*'([0-9a-f-]{36})'/gm)) ids.set(m[1]!, m[2]!);
  for (const [key, value] of varObjectEntries(file, 'roles') ?? []) ids.set(`roles.${key}`, value.slice(1, -1));
  return ids;
}

/** The role assignments of a template; throws where one names no role, or more than one. */
export function roleAssignments(file: BicepFile): Assignment[] {
  const ids = roleIds(file);
  return file.resources
    .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
    .map((r) => {
      const head = new RegExp(`^resource\\s+${r.symbol}\\s+'[^']*'\\s*=\\s*(?:if\\s*\\((.*)\\)\\s*)?\\{`, 'm').exec(file.text);
      if (!head) throw new Error(`${file.path}: cannot read resource ${r.symbol}`);
      const { start, end } = blockAt(file.code, head.index);
      const body = file.code.slice(start, end);
      const used = [...ids].filter(([ref]) => new RegExp(`(^|[^\\w.])${ref.replace('.', '\\.')}\\b`).test(body));
      if (used.length !== 1) throw new Error(`${file.path}: ${r.symbol} names ${used.length} roles, not one`);
      const scopeSymbol = /^\s{2}scope:\s*(\w+)/m.exec(body)?.[1];
      const scope = scopeSymbol ? file.resources.find((x) => x.symbol === scopeSymbol)!.type : file.targetScope;
      const principal = /principalId:\s*([\w.]+)/.exec(file.text.slice(start, end))?.[1];
      return { file: file.path, symbol: r.symbol, role: used[0]![1], scope, scopeSymbol, condition: head[1]?.trim(), principal };
    });
}
