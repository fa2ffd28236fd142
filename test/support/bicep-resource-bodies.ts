import { blockAt, scan } from './bicep-text.js';

/** A `resource` declaration with its body's source, child resources resolved to their full type and API version. */
export interface ResourceBody {
  symbol: string;
  type: string;
  apiVersion: string;
  existing: boolean;
  line: number;
  /** The body object's text, from its `{` to its `}` (the element of a `[for ...]` loop, past any `if (...)`). */
  body: string;
}

interface Declaration {
  symbol: string;
  written: string;
  existing: boolean;
  at: number;
  start: number;
  end: number;
}

/**
 * Every resource declared in a template, nested (child) resources included: `resource x 'Type@version' [existing] =`
 * followed by `{`, `if (...) {` or `[for ... : [if (...)] {`. A child written with a short type (`'containers'` or
 * `'containers@2023-05-01'`) inside its parent's body gets the parent's type as a prefix and, unless it names one,
 * the parent's API version, as Bicep does.
 */
export function resourceBodies(text: string): ResourceBody[] {
  const { code } = scan(text);
  const declarations: Declaration[] = [];
  for (const m of text.matchAll(/^([ \t]*)resource\s+(\w+)\s+'([^']+)'(\s+existing)?\s*=/gm)) {
    const at = m.index + m[1]!.length;
    // A match inside a comment or a string: the code view blanked it.
    if (!code.startsWith('resource', at)) continue;
    const open = bodyStart(code, m.index + m[0].length);
    const { start, end } = blockAt(code, open);
    declarations.push({ symbol: m[2]!, written: m[3]!, existing: Boolean(m[4]), at, start, end });
  }
  const resolved = new Map<Declaration, { type: string; apiVersion: string }>();
  const resolve = (d: Declaration): { type: string; apiVersion: string } => {
    const known = resolved.get(d);
    if (known) return known;
    const [type = '', version] = d.written.split('@');
    let result = { type, apiVersion: version ?? '' };
    // A full type starts with a namespace (`Microsoft.Storage/...`); anything else is a child of the enclosing body.
    if (!/^[\w]+\.[\w.]+\//.test(type)) {
      const parent = declarations.filter((p) => p !== d && p.start < d.at && d.at < p.end).sort((a, b) => b.start - a.start)[0];
      if (parent) {
        const outer = resolve(parent);
        result = { type: `${outer.type}/${type}`, apiVersion: version ?? outer.apiVersion };
      }
    }
    resolved.set(d, result);
    return result;
  };
  return declarations.map((d) => ({
    symbol: d.symbol,
    ...resolve(d),
    existing: d.existing,
    line: text.slice(0, d.at).split('\n').length,
    body: text.slice(d.start, d.end),
  }));
}

/** The `{` that opens the body: the first one outside parentheses (skipping `if (...)` and a loop's header). */
function bodyStart(code: string, from: number): number {
  let parens = 0;
  for (let i = from; i < code.length; i++) {
    const c = code[i];
    if (c === '(') parens += 1;
    else if (c === ')') parens -= 1;
    else if (c === '{' && parens === 0) return i;
  }
  throw new Error(`no resource body after offset ${from}`);
}
