import { parseCronField, type CronFieldSpec } from './parse-cron-field.js';
import { parseTimeSpan } from './parse-timespan.js';
import type { Schedule } from './types.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// In NCrontab order: {second} {minute} {hour} {day} {month} {day-of-week}.
const FIELDS: readonly CronFieldSpec[] = [
  { name: 'second', min: 0, max: 59 },
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is accepted as Sunday like most crons; `*` then yields 0-7, which folds back to 0-6.
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, fold: (v) => v % 7 },
];

/**
 * Parses an Azure Functions timer schedule: a 6-field NCrontab expression, the 5-field form
 * without seconds (seconds = 0, as the Functions host does), or a TimeSpan `[d.]hh:mm:ss`.
 * Errors quote the expression and name the field at fault.
 */
export function parseNcrontab(expression: string): Schedule {
  const fail = (reason: string): Error => new Error(`Invalid timer schedule '${expression}': ${reason}`);
  const text = expression.trim();
  if (text === '') throw fail('the expression is empty');
  const parts = text.split(/\s+/);

  if (parts.length === 1 && text.includes(':')) {
    try {
      return { kind: 'interval', expression, intervalMs: parseTimeSpan(text) };
    } catch (error) {
      throw fail((error as Error).message);
    }
  }
  if (parts.length !== 5 && parts.length !== 6) {
    throw fail(
      `expected 6 fields '{second} {minute} {hour} {day} {month} {day-of-week}', 5 without ` +
        `seconds, or a TimeSpan 'hh:mm:ss'; got ${parts.length} field(s)`,
    );
  }

  const texts = parts.length === 5 ? ['0', ...parts] : parts;
  let values: number[][];
  try {
    values = FIELDS.map((spec, i) => parseCronField(texts[i] ?? '', spec));
  } catch (error) {
    throw fail((error as Error).message);
  }
  const [seconds = [], minutes = [], hours = [], daysOfMonth = [], months = [], daysOfWeek = []] = values;
  return { kind: 'cron', expression, seconds, minutes, hours, daysOfMonth, months, daysOfWeek };
}
