import { readFileSync } from 'node:fs';

/**
 * Bicep read as text, for the template tests: no Bicep compiler installs from the npm registry without a download
 * (infra/azure/README.md), so these tests check the structure a compiler would not even look at, and catch the
 * syntax slips a text scanner can see (unbalanced brackets, unterminated strings).
 */
export interface BicepParam {
  name: string;
  type: string;
  hasDefault: boolean;
}
export interface BicepResource {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
}
export interface BicepModule {
  symbol: string;
  path: string;
  /** Keys of its `params: { ... }` block. */
  params: string[];
  /** The same, with the source text of each value. */
  args: Record<string, string>;
}
export interface BicepFile {
  path: string;
  text: string;
  /** The text with comments and literal string contents blanked (interpolations kept), offsets unchanged. */
  code: string;
  targetScope: string;
  params: BicepParam[];
  outputs: string[];
  resources: BicepResource[];
  modules: BicepModule[];
}

type Frame = { kind: 'interp'; depth: number } | { kind: 'string' };

/** Scans Bicep once: the code view (comments and string text blanked) and any syntax problems found on the way. */
export function scan(text: string): { code: string; problems: string[] } {
  const out = text.split('');
  const problems: string[] = [];
  const brackets: { char: string; at: number }[] = [];
  const frames: Frame[] = [];
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const top = frames.at(-1);
    if (top?.kind === 'string') {
      if (c === '\\') {
        blank(i, i + 2);
        i += 2;
      } else if (c === "'") {
        frames.pop();
        i += 1;
      } else if (c === '$' && text[i + 1] === '{') {
        frames.push({ kind: 'interp', depth: 0 });
        i += 2;
      } else if (c === '\n') {
        problems.push(`unterminated string at ${lineOf(text, i)}`);
        frames.pop();
      } else {
        blank(i, i + 1);
        i += 1;
      }
      continue;
    }
    if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      blank(i, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      if (end === -1) problems.push(`unterminated comment at ${lineOf(text, i)}`);
      blank(i, end === -1 ? text.length : end + 2);
      i = end === -1 ? text.length : end + 2;
    } else if (text.startsWith("'''", i)) {
      const end = text.indexOf("'''", i + 3);
      if (end === -1) problems.push(`unterminated multi-line string at ${lineOf(text, i)}`);
      blank(i + 3, end === -1 ? text.length : end);
      i = end === -1 ? text.length : end + 3;
    } else if (c === "'") {
      frames.push({ kind: 'string' });
      i += 1;
    } else if (c === '}' && top?.kind === 'interp' && top.depth === 0) {
      frames.pop();
      i += 1;
    } else {
      if (c === '(' || c === '[' || c === '{') {
        brackets.push({ char: c, at: i });
        if (top?.kind === 'interp' && c === '{') top.depth += 1;
      } else if (c === ')' || c === ']' || c === '}') {
        const open = brackets.pop();
        if (!open || open.char !== pairs[c]) problems.push(`unbalanced '${c}' at ${lineOf(text, i)}`);
        if (top?.kind === 'interp' && c === '}') top.depth -= 1;
      }
      i += 1;
    }
  }
  for (const open of brackets) problems.push(`unclosed '${open.char}' at ${lineOf(text, open.at)}`);
  if (frames.length > 0) problems.push('unterminated string at end of file');
  return { code: out.join(''), problems };
}

function lineOf(text: string, index: number): string {
  return `line ${text.slice(0, index).split('\n').length}`;
}

/** The balanced `{...}` or `[...]` block that starts at the first opener at or after `from` (in the code view). */
export function blockAt(code: string, from: number): { start: number; end: number } {
  const start = code.slice(from).search(/[{[]/) + from;
  if (start < from) throw new Error(`no block after offset ${from}`);
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '{' || c === '[' || c === '(') depth += 1;
    else if (c === '}' || c === ']' || c === ')') depth -= 1;
    if (depth === 0) return { start, end: i + 1 };
  }
  throw new Error(`unclosed block at offset ${start}`);
}

/** Top-level keys of an object literal (`{ a: 1, 'b-c': 2 }` or one key per line); `text` starts at its `{`. */
export function objectKeys(text: string): string[] {
  return objectEntries(text).map(([key]) => key);
}

/** Top-level `[key, value source]` pairs of an object literal; `text` starts at its `{`. */
export function objectEntries(text: string): [string, string][] {
  const { code } = scan(text);
  const entries: [string, string][] = [];
  let depth = 0;
  let expectKey = false;
  let value: { key: string; from: number } | undefined;
  const close = (at: number) => {
    if (value) entries.push([value.key, text.slice(value.from, at).trim()]);
    value = undefined;
  };
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (c === '{' || c === '[' || c === '(') {
      depth += 1;
      expectKey = depth === 1 && c === '{';
      continue;
    }
    if (c === '}' || c === ']' || c === ')') {
      if (depth === 1) close(i);
      depth -= 1;
      continue;
    }
    if (depth !== 1) continue;
    if (c === ',' || c === '\n') {
      close(i);
      expectKey = true;
      continue;
    }
    if (!expectKey || /\s/.test(c)) continue;
    expectKey = false;
    // The key as written: a bare identifier or a quoted string (the code view blanked its contents).
    const match = /^(?:([A-Za-z_$][\w$]*)|'((?:[^'\\]|\\.)*)')\s*:/.exec(text.slice(i));
    if (match) value = { key: match[1] ?? match[2]!, from: i + match[0].length };
  }
  return entries;
}

/** Keys of `var <name> = { ... }`, or undefined when there is no such object variable. */
export function varObjectKeys(file: BicepFile, name: string): string[] | undefined {
  return varObjectEntries(file, name)?.map(([key]) => key);
}

/** `[key, value source]` pairs of `var <name> = { ... }`, or undefined when there is no such object variable. */
export function varObjectEntries(file: BicepFile, name: string): [string, string][] | undefined {
  const at = new RegExp(`^var\\s+${name}\\s*=\\s*\\{`, 'm').exec(file.code);
  if (!at) return undefined;
  const { start, end } = blockAt(file.code, at.index);
  return objectEntries(file.text.slice(start, end));
}

/** Names of the object-literal variables (`var x = {`) in a file. */
export function objectVars(file: BicepFile): string[] {
  return [...file.code.matchAll(/^var\s+(\w+)\s*=\s*\{/gm)].map((m) => m[1]!);
}

/** The literal default of `param <name> <type> = '<value>'` (or a number or bool), if it has one. */
export function paramDefault(file: BicepFile, name: string): string | undefined {
  const match = new RegExp(`^param\\s+${name}\\s+\\w+\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|-?\\d+|true|false)\\s*$`, 'm').exec(file.text);
  if (!match) return undefined;
  const raw = match[1]!;
  return raw.startsWith("'") ? raw.slice(1, -1) : raw;
}

/**
 * Uses of an identifier outside its declaration: not as an object key (`name:` first on a line or after `{`/`,`),
 * not as a property (`x.name`). Interpolations inside strings count (`'${name}'`), literal string text does not.
 */
export function uses(file: BicepFile, identifier: string): number {
  const declaration = new RegExp(`^(param|var|output|resource|module|func)\\s+${identifier}\\b`);
  const occurrence = new RegExp(`(^|[^\\w.$])${identifier}(?![\\w$])`, 'g');
  let count = 0;
  for (const line of file.code.split('\n')) {
    if (declaration.test(line.trim())) continue;
    for (const m of line.matchAll(occurrence)) {
      const at = m.index + m[1]!.length;
      const isKey = line[at + identifier.length] === ':' && /(^|[{,])\s*$/.test(line.slice(0, at));
      if (!isKey) count += 1;
    }
  }
  return count;
}

export function parseBicep(path: string, text: string): BicepFile {
  const { code } = scan(text);
  const params = [...code.matchAll(/^param\s+(\w+)\s+(\w+(?:\[\])?)(\s*=)?/gm)].map((m) => ({
    name: m[1]!,
    type: m[2]!,
    hasDefault: Boolean(m[3]),
  }));
  const outputs = [...code.matchAll(/^output\s+(\w+)\s+\w+/gm)].map((m) => m[1]!);
  // Resource types and module paths are string literals, blanked in the code view: read them from the text.
  const resources = [...text.matchAll(/^\s*resource\s+(\w+)\s+'([^'@]+)@([^']+)'(\s+existing)?/gm)].map((m) => ({
    symbol: m[1]!,
    type: m[2]!,
    apiVersion: m[3]!,
    existing: Boolean(m[4]),
  }));
  const modules = [...text.matchAll(/^module\s+(\w+)\s+'([^']+)'/gm)].map((m) => {
    const { start, end } = blockAt(code, m.index);
    const body = code.slice(start, end);
    const at = /^\s{2}params:\s*\{/m.exec(body);
    const block = at && blockAt(body, at.index);
    const entries = block ? objectEntries(text.slice(start, end).slice(block.start, block.end)) : [];
    return { symbol: m[1]!, path: m[2]!, params: entries.map(([key]) => key), args: Object.fromEntries(entries) };
  });
  const scope = /^targetScope\s*=\s*'(\w+)'/m.exec(text)?.[1] ?? 'resourceGroup';
  return { path, text, code, targetScope: scope, params, outputs, resources, modules };
}

export function readBicep(path: string): BicepFile {
  return parseBicep(path, readFileSync(path, 'utf8'));
}
