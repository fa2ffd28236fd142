/** An Azure Functions route template (`submissions/{id}`, `{id:int?}`, `files/{*path}`) compiled for matching. */
export interface CompiledRoute {
  template: string;
  match(path: string): Record<string, string> | undefined;
  /** Higher is more specific: literal segments beat parameters, parameters beat catch-alls. */
  specificity: number;
}

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/,
  long: /^-?\d+$/,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
  alpha: /^[a-z]+$/i,
  bool: /^(true|false)$/i,
};

interface Segment {
  literal?: string;
  param?: string;
  optional?: boolean;
  catchAll?: boolean;
  constraint?: RegExp;
}

function parseSegment(text: string, template: string): Segment {
  const m = /^\{(\*)?([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]+))?(\?)?\}$/.exec(text);
  if (!m) {
    if (/[{}]/.test(text)) throw new Error(`Invalid route template '${template}': segment '${text}'.`);
    return { literal: text.toLowerCase() };
  }
  const constraintName = m[3];
  if (constraintName && !CONSTRAINTS[constraintName]) {
    throw new Error(`Invalid route template '${template}': unknown constraint '${constraintName}'.`);
  }
  return {
    param: m[2]!,
    catchAll: Boolean(m[1]),
    optional: Boolean(m[4]),
    constraint: constraintName ? CONSTRAINTS[constraintName] : undefined,
  };
}

/**
 * A path segment as ASP.NET Core routing gives it to a function: percent-decoded, except that an encoded slash stays
 * `%2F` (it must not split a catch-all into more segments) and a malformed escape stays as written instead of failing.
 */
export function decodeSegment(part: string): string {
  return part.replace(/(?:%[0-9a-f]{2})+/gi, (run) =>
    run
      .split(/(%2f)/i)
      .map((piece) => (/^%2f$/i.test(piece) ? piece : decodeRun(piece)))
      .join(''),
  );
}

function decodeRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    return run;
  }
}

export function compileRoute(template: string): CompiledRoute {
  const segments = template
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => parseSegment(s, template));
  const specificity = segments.reduce((n, s) => n * 3 + (s.literal !== undefined ? 2 : s.catchAll ? 0 : 1), 1);
  return {
    template,
    specificity,
    match(path: string) {
      const parts = path.split('/').filter((s) => s.length > 0);
      const params: Record<string, string> = {};
      for (let i = 0; i < segments.length; i++) {
        const seg = segments[i]!;
        const part = parts[i];
        if (seg.catchAll) {
          params[seg.param!] = parts.slice(i).map(decodeSegment).join('/');
          return params;
        }
        if (part === undefined) {
          if (seg.optional && i === segments.length - 1) return params;
          return undefined;
        }
        if (seg.literal !== undefined) {
          if (decodeSegment(part).toLowerCase() !== seg.literal) return undefined;
        } else {
          const value = decodeSegment(part);
          if (seg.constraint && !seg.constraint.test(value)) return undefined;
          params[seg.param!] = value;
        }
      }
      return parts.length === segments.length ? params : undefined;
    },
  };
}
