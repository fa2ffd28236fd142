export interface CronFieldSpec {
  /** Used in error messages: "minute field '61' out of range 0-59". */
  name: string;
  min: number;
  max: number;
  /** Full names in value order from `min` (January…, Sunday…); any prefix of 3+ letters matches. */
  names?: readonly string[];
  /** Maps an accepted value onto the stored one (day-of-week 7 → 0). */
  fold?: (value: number) => number;
}

/**
 * Expands one cron field (`*`, `a`, `a-b`, `*\/n`, `a-b/n`, `a/n`, and comma lists of those) into
 * the sorted values it allows. Throws an Error naming the field; the caller adds the expression.
 */
export function parseCronField(text: string, spec: CronFieldSpec): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new Error(`${spec.name} field '${text}' has an empty list item`);
    const parts = item.split('/');
    if (parts.length > 2) throw new Error(`${spec.name} field '${item}' has more than one '/'`);
    const [rangeText = '', stepText] = parts;
    const step = stepText === undefined ? 1 : parseStep(stepText, item, spec);

    let start: number;
    let end: number;
    if (rangeText === '*') {
      start = spec.min;
      end = spec.max;
    } else if (rangeText.includes('-')) {
      const bounds = rangeText.split('-');
      if (bounds.length !== 2) throw new Error(`${spec.name} field range '${rangeText}' is not 'a-b'`);
      start = parseValue(bounds[0] ?? '', item, spec);
      end = parseValue(bounds[1] ?? '', item, spec);
      if (start > end) {
        throw new Error(`${spec.name} field range '${rangeText}' starts after it ends`);
      }
    } else {
      start = parseValue(rangeText, item, spec);
      // NCrontab reads `a/n` as "from a to the end of the range, every n".
      end = stepText === undefined ? start : spec.max;
    }
    for (let v = start; v <= end; v += step) values.add(spec.fold ? spec.fold(v) : v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseStep(text: string, item: string, spec: CronFieldSpec): number {
  const step = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(step >= 1)) {
    throw new Error(`${spec.name} field step '${text}' in '${item}' must be a positive integer`);
  }
  return step;
}

function parseValue(token: string, item: string, spec: CronFieldSpec): number {
  if (token === '') throw new Error(`${spec.name} field '${item}' has an empty value`);
  if (/^\d+$/.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) {
      throw new Error(`${spec.name} field '${token}' out of range ${spec.min}-${spec.max}`);
    }
    return value;
  }
  const upper = token.toUpperCase();
  const index =
    upper.length >= 3 && /^[A-Z]+$/.test(upper) ? (spec.names?.findIndex((name) => name.toUpperCase().startsWith(upper)) ?? -1) : -1;
  if (index < 0) {
    const expected = spec.names ? `a number ${spec.min}-${spec.max} or a name` : 'a number';
    throw new Error(`${spec.name} field value '${token}' is not ${expected}`);
  }
  return spec.min + index;
}
