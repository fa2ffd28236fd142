/** One method's verdict in an `Authentication-Results` header: `dkim=pass header.d=example.com`. */
export interface AuthenticationResult {
  /** Lower case: `spf`, `dkim`, `dmarc`, `auth`, `compauth`… */
  method: string;
  /** Lower case: `pass`, `fail`, `softfail`, `none`… */
  result: string;
  /** Properties by lower-cased name (`header.from`, `smtp.mailfrom`, `header.d`, `smtp.auth`, `reason`…), values unquoted. */
  props: Record<string, string>;
}

export interface AuthenticationResults {
  /** Who wrote the header; Exchange Online writes none. */
  authservId?: string;
  results: AuthenticationResult[];
}

/** `method[/version]=` at the start of a result: what tells Exchange Online's header (no authserv-id) from RFC 8601's. */
const METHOD_FIRST = /^[a-z0-9_-]+(?:\/\d+)?=/i;

/**
 * Parses an RFC 8601 `Authentication-Results` value as mail systems really write it: folded, with comments (nested ones
 * too) anywhere, quoted values, spaces around `=`, several results for one method (one per DKIM signature), Exchange
 * Online's form without an authserv-id, and `none`. What it cannot read it leaves out: a missing result is never a pass.
 */
export function parseAuthenticationResults(header: string): AuthenticationResults {
  const segments = splitOutsideQuotes(withoutComments(header.replace(/\r?\n[ \t]/g, ' ')), ';').map(tidy);
  const first = segments[0] ?? '';
  const authservId = first === '' || METHOD_FIRST.test(first) ? undefined : first.split(' ')[0];
  const results: AuthenticationResult[] = [];
  for (const segment of authservId === undefined ? segments : segments.slice(1)) {
    const [head, ...rest] = splitOutsideQuotes(segment, ' ').filter(Boolean);
    const spec = /^([a-z0-9_-]+)(?:\/\d+)?=([a-z0-9_-]+)$/i.exec(head ?? '');
    if (!spec) continue;
    const props: Record<string, string> = {};
    for (const token of rest) {
      const eq = token.indexOf('=');
      if (eq > 0) props[token.slice(0, eq).toLowerCase()] ??= unquote(token.slice(eq + 1));
    }
    results.push({ method: spec[1]!.toLowerCase(), result: spec[2]!.toLowerCase(), props });
  }
  return { ...(authservId ? { authservId } : {}), results };
}

/** Replaces each (possibly nested) comment outside a quoted string by a space. */
function withoutComments(text: string): string {
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\') {
      if (depth === 0) out += c + (text[i + 1] ?? '');
      i++;
    } else if (quoted) {
      out += c;
      if (c === '"') quoted = false;
    } else if (c === '(') depth++;
    else if (c === ')' && depth > 0) {
      depth--;
      if (depth === 0) out += ' ';
    } else if (depth === 0) {
      out += c;
      if (c === '"') quoted = true;
    }
  }
  return out;
}

function splitOutsideQuotes(text: string, separator: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && quoted) {
      current += c + (text[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"') quoted = !quoted;
    if (c === separator && !quoted) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** One space between tokens, none around `=` (RFC 8601 allows CFWS there). */
const tidy = (segment: string): string => segment.replace(/\s+/g, ' ').replace(/ ?= ?/g, '=').trim();

const unquote = (value: string): string => (/^".*"$/.test(value) ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value);
