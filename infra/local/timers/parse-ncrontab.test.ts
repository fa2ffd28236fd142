import { describe, expect, it } from 'vitest';
import { parseNcrontab } from './parse-ncrontab.js';
import type { CronSchedule } from './types.js';

const range = (from: number, to: number, step = 1): number[] => {
  const out: number[] = [];
  for (let v = from; v <= to; v += step) out.push(v);
  return out;
};

function cron(expression: string): CronSchedule {
  const schedule = parseNcrontab(expression);
  if (schedule.kind !== 'cron') throw new Error(`expected a cron schedule for '${expression}'`);
  return schedule;
}

describe('parseNcrontab: cron forms', () => {
  it('expands * and */n over each field', () => {
    const s = cron('0 */5 * * * *');
    expect(s.seconds).toEqual([0]);
    expect(s.minutes).toEqual(range(0, 55, 5));
    expect(s.hours).toEqual(range(0, 23));
    expect(s.daysOfMonth).toEqual(range(1, 31));
    expect(s.months).toEqual(range(1, 12));
    expect(s.daysOfWeek).toEqual(range(0, 6));
    expect(s.expression).toBe('0 */5 * * * *');
  });

  it('reads lists, ranges, stepped ranges and NCrontab a/n', () => {
    const s = cron('5,10,15 10-12 1-23/11 20/5 2,4-5 *');
    expect(s.seconds).toEqual([5, 10, 15]);
    expect(s.minutes).toEqual([10, 11, 12]);
    expect(s.hours).toEqual([1, 12, 23]);
    expect(s.daysOfMonth).toEqual([20, 25, 30]);
    expect(s.months).toEqual([2, 4, 5]);
  });

  it('sorts and de-duplicates list items', () => {
    expect(cron('30,10,10,0-10/10 * * * * *').seconds).toEqual([0, 10, 30]);
  });

  it('accepts month and day names case-insensitively, as 3-letter or full names', () => {
    expect(cron('0 0 0 * JAN,mar-May,december *').months).toEqual([1, 3, 4, 5, 12]);
    expect(cron('0 0 0 * * mon-FRI').daysOfWeek).toEqual([1, 2, 3, 4, 5]);
    expect(cron('0 0 0 * * Sunday,sat').daysOfWeek).toEqual([0, 6]);
  });

  it('treats day-of-week 7 as Sunday', () => {
    expect(cron('0 0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(cron('0 0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
    expect(cron('0 0 0 * * 0-7').daysOfWeek).toEqual(range(0, 6));
    expect(cron('0 0 0 * * */2').daysOfWeek).toEqual([0, 2, 4, 6]);
  });

  it('accepts the 5-field form without seconds (seconds = 0)', () => {
    const s = cron('*/15 9-17 * * 1-5');
    expect(s.seconds).toEqual([0]);
    expect(s.minutes).toEqual([0, 15, 30, 45]);
    expect(s.hours).toEqual(range(9, 17));
    expect(s.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  it('tolerates surrounding and repeated whitespace', () => {
    expect(cron('  0  30\t9 * * *  ').minutes).toEqual([30]);
  });
});

describe('parseNcrontab: TimeSpan forms', () => {
  it.each([
    ['00:00:10', 10_000],
    ['01:30:00', 5_400_000],
    ['00:05', 300_000],
    ['1.02:03:04', 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000],
    ['00:00:00.5', 500],
  ])('%s is an interval of %d ms', (expression, intervalMs) => {
    expect(parseNcrontab(expression)).toEqual({ kind: 'interval', expression, intervalMs });
  });
});

describe('parseNcrontab: errors quote the expression and name the field', () => {
  it.each([
    ['', 'the expression is empty'],
    ['* * *', 'got 3 field(s)'],
    ['0 0 0 * * * 2024', 'got 7 field(s)'],
    ['60 * * * * *', "second field '60' out of range 0-59"],
    ['0 61 * * * *', "minute field '61' out of range 0-59"],
    ['0 0 24 * * *', "hour field '24' out of range 0-23"],
    ['0 0 0 0 * *', "day-of-month field '0' out of range 1-31"],
    ['0 0 0 32 * *', "day-of-month field '32' out of range 1-31"],
    ['0 0 0 * 13 *', "month field '13' out of range 1-12"],
    ['0 0 0 * FOO *', "month field value 'FOO' is not a number 1-12 or a name"],
    ['0 0 0 * * 8', "day-of-week field '8' out of range 0-7"],
    ['0 0 0 * * MO', "day-of-week field value 'MO' is not a number 0-7 or a name"],
    ['0 JAN * * * *', "minute field value 'JAN' is not a number"],
    ['*/0 * * * * *', "second field step '0' in '*/0' must be a positive integer"],
    ['0 */x * * * *', "minute field step 'x' in '*/x' must be a positive integer"],
    ['0 10-5 * * * *', "minute field range '10-5' starts after it ends"],
    ['0 0 1,,2 * * *', "hour field '1,,2' has an empty list item"],
    ['0 0 0 1/2/3 * *', "day-of-month field '1/2/3' has more than one '/'"],
    ['0 0 0 1-2-3 * *', "day-of-month field range '1-2-3' is not 'a-b'"],
    ['0 -5 * * * *', "minute field '-5' has an empty value"],
    ['*/5 * * * 1-5', undefined], // valid 5-field form: guards the table against over-matching
    ['25:00:00', "TimeSpan hours field '25' out of range 0-23"],
    ['00:60:00', "TimeSpan minutes field '60' out of range 0-59"],
    ['00:00:60', "TimeSpan seconds field '60' out of range 0-59"],
    ['00:00:00', "TimeSpan '00:00:00' must be longer than zero"],
    ['ab:cd', "TimeSpan 'ab:cd' is not 'hh:mm:ss' or 'd.hh:mm:ss'"],
  ])('%j → %s', (expression, reason) => {
    if (reason === undefined) {
      expect(() => parseNcrontab(expression)).not.toThrow();
      return;
    }
    const parse = (): unknown => parseNcrontab(expression);
    expect(parse).toThrow(`Invalid timer schedule '${expression}': `);
    expect(parse).toThrow(reason);
  });
});
