import { afterEach, describe, expect, it } from 'vitest';
import { nextOccurrence } from './next-occurrence.js';
import { parseNcrontab } from './parse-ncrontab.js';
import type { CronSchedule } from './types.js';

const next = (expression: string, after: string): string => nextOccurrence(parseNcrontab(expression), new Date(after), 'UTC').toISOString();

describe('nextOccurrence (UTC) against hand-computed instants', () => {
  it.each([
    // every 5 minutes
    ['0 */5 * * * *', '2024-05-01T10:02:30.000Z', '2024-05-01T10:05:00.000Z'],
    ['0 */5 * * * *', '2024-05-01T10:04:59.999Z', '2024-05-01T10:05:00.000Z'],
    // strictly after: sitting on an occurrence moves to the next one
    ['0 */5 * * * *', '2024-05-01T10:05:00.000Z', '2024-05-01T10:10:00.000Z'],
    ['0 */5 * * * *', '2024-05-01T23:58:00.000Z', '2024-05-02T00:00:00.000Z'],
    // weekdays at 09:30: Friday 09:30 → Monday (2024-05-03 is a Friday)
    ['0 30 9 * * 1-5', '2024-05-03T09:30:00.000Z', '2024-05-06T09:30:00.000Z'],
    ['0 30 9 * * 1-5', '2024-05-04T12:00:00.000Z', '2024-05-06T09:30:00.000Z'],
    ['0 30 9 * * MON-FRI', '2024-05-06T09:29:59.000Z', '2024-05-06T09:30:00.000Z'],
    // once a year
    ['0 0 0 1 JAN *', '2024-06-15T08:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    ['0 0 0 1 JAN *', '2024-12-31T23:59:59.999Z', '2025-01-01T00:00:00.000Z'],
    ['59 59 23 31 12 *', '2024-12-31T23:59:59.000Z', '2025-12-31T23:59:59.000Z'],
    // leap day: next one is 2028; on the day itself, later that day
    ['0 0 12 29 2 *', '2024-03-01T00:00:00.000Z', '2028-02-29T12:00:00.000Z'],
    ['0 0 12 29 2 *', '2024-02-29T11:00:00.000Z', '2024-02-29T12:00:00.000Z'],
    // 2100 is not a leap year
    ['0 0 12 29 2 *', '2096-03-01T00:00:00.000Z', '2104-02-29T12:00:00.000Z'],
    // day 31 skips the 30-day months
    ['0 0 0 31 * *', '2024-04-15T00:00:00.000Z', '2024-05-31T00:00:00.000Z'],
    // 5-field form fires on second 0
    ['*/15 * * * *', '2024-05-01T10:07:42.000Z', '2024-05-01T10:15:00.000Z'],
    // every second, including across a minute boundary
    ['* * * * * *', '2024-05-01T10:07:59.400Z', '2024-05-01T10:08:00.000Z'],
    // day-of-week 7 is Sunday (2024-05-05)
    ['0 0 6 * * 7', '2024-05-01T00:00:00.000Z', '2024-05-05T06:00:00.000Z'],
    // several hours: jumps within the day, then to the next day
    ['0 15 8,20 * * *', '2024-05-01T08:15:00.000Z', '2024-05-01T20:15:00.000Z'],
    ['0 15 8,20 * * *', '2024-05-01T20:15:00.000Z', '2024-05-02T08:15:00.000Z'],
  ])('%s after %s → %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('requires day-of-month AND day-of-week to match, as NCrontab does', () => {
    // "first Monday of the month": May 2024 starts on a Wednesday, so Monday the 6th.
    expect(next('0 0 9 1-7 * MON', '2024-05-01T00:00:00.000Z')).toBe('2024-05-06T09:00:00.000Z');
    // Feb 29 falling on a Monday: next after 2024 is 2044.
    expect(next('0 0 0 29 2 MON', '2024-03-01T00:00:00.000Z')).toBe('2044-02-29T00:00:00.000Z');
  });

  it('adds the interval for TimeSpan schedules, keeping milliseconds', () => {
    expect(next('00:00:10', '2024-05-01T10:00:03.250Z')).toBe('2024-05-01T10:00:13.250Z');
    expect(next('1.00:00:00', '2024-02-28T12:00:00.000Z')).toBe('2024-02-29T12:00:00.000Z');
  });

  it.each(['0 0 0 30 2 *', '0 0 0 31 4,6,9,11 *', '0 0 0 31 FEB MON'])('throws quickly for the impossible schedule %s', (expression) => {
    const started = performance.now();
    expect(() => next(expression, '2024-01-01T00:00:00.000Z')).toThrow(
      `Timer schedule '${expression}' has no occurrence within 50 years after 2024-01-01T00:00:00.000Z`,
    );
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('rejects an invalid Date', () => {
    expect(() => nextOccurrence(parseNcrontab('* * * * * *'), new Date('x'), 'UTC')).toThrow('invalid Date');
  });

  it('skips by field: 520 weekly lookups stay fast', () => {
    const schedule = parseNcrontab('0 0 3 * * SUN');
    let at = new Date('2024-01-01T00:00:00.000Z');
    const started = performance.now();
    for (let i = 0; i < 520; i++) at = nextOccurrence(schedule, at, 'UTC');
    expect(at.toISOString()).toBe('2033-12-18T03:00:00.000Z'); // 520 Sundays on
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('nextOccurrence agrees with a second-by-second scan', () => {
  const matches = (s: CronSchedule, d: Date): boolean =>
    s.seconds.includes(d.getUTCSeconds()) &&
    s.minutes.includes(d.getUTCMinutes()) &&
    s.hours.includes(d.getUTCHours()) &&
    s.daysOfMonth.includes(d.getUTCDate()) &&
    s.months.includes(d.getUTCMonth() + 1) &&
    s.daysOfWeek.includes(d.getUTCDay());

  // Dense enough that every one fires within the two-day scan window.
  it.each([
    '*/7 * * * * *',
    '0,30 */13 * * * *',
    '15 45 */5 * * *',
    '0 0-10/3 22-23,1 * * *',
    '10 59 23 * * *',
    '0 0 12 * * WED,THU',
    '5 4 3 1-31/2 * *',
  ])('%s', (expression) => {
    const schedule = parseNcrontab(expression) as CronSchedule;
    for (const after of ['2024-02-28T21:17:33.500Z', '2024-12-31T23:59:59.000Z']) {
      let expected: string | undefined;
      const start = Math.floor(Date.parse(after) / 1000) * 1000 + 1000;
      for (let ms = start; ms < start + 2 * 86_400_000; ms += 1000) {
        if (matches(schedule, new Date(ms))) {
          expected = new Date(ms).toISOString();
          break;
        }
      }
      expect(expected).toBeDefined();
      expect(next(expression, after)).toBe(expected);
    }
  });
});

describe('nextOccurrence on the local clock', () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
  });
  const local = (expression: string, after: string): string =>
    nextOccurrence(parseNcrontab(expression), new Date(after), 'local').toISOString();

  it('reads fields on the local wall clock, across a spring-forward', () => {
    process.env.TZ = 'America/New_York';
    // Sanity: the zone took effect (EST is UTC-5 in January).
    expect(new Date('2024-01-15T12:00:00Z').getHours()).toBe(7);
    // 09:30 EST on Sat 9 March, then 09:30 EDT on Sun 10 March (clocks went forward at 02:00).
    expect(local('0 30 9 * * *', '2024-03-09T12:00:00.000Z')).toBe('2024-03-09T14:30:00.000Z');
    expect(local('0 30 9 * * *', '2024-03-09T14:30:00.000Z')).toBe('2024-03-10T13:30:00.000Z');
    // 02:30 does not exist on 10 March: it resolves forward to 03:30 EDT.
    expect(local('0 30 2 * * *', '2024-03-10T05:00:00.000Z')).toBe('2024-03-10T07:30:00.000Z');
  });

  it('runs a repeated fall-back time once', () => {
    process.env.TZ = 'America/New_York';
    // 3 Nov 2024: 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(local('0 30 1 * * *', '2024-11-03T05:00:00.000Z')).toBe('2024-11-03T05:30:00.000Z');
    expect(local('0 30 1 * * *', '2024-11-03T05:30:00.000Z')).toBe('2024-11-04T06:30:00.000Z');
  });
});
