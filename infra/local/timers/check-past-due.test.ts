import { describe, expect, it } from 'vitest';
import { checkPastDue, NEVER } from './check-past-due.js';
import { parseNcrontab } from './parse-ncrontab.js';
import type { TimerStatus } from './types.js';

const hourly = parseNcrontab('0 0 * * * *');
/** A timer's stored status. */
const record = (last: string, next: string, lastUpdated: string): TimerStatus => ({ last, next, lastUpdated });
const check = (stored: TimerStatus | undefined, now: string, schedule = hourly) => checkPastDue(schedule, stored, new Date(now), 'UTC');

describe('checkPastDue', () => {
  it.each([
    ['on first start', undefined],
    // Written by a half-hourly schedule; now hourly: next(08:00) = 09:00 ≠ 08:30.
    [
      'instead of reporting a miss when the schedule was edited',
      record('2024-05-01T08:00:00.000Z', '2024-05-01T08:30:00.000Z', '2024-05-01T08:00:00.000Z'),
    ],
    ['for an unreadable record, as on a first start', record('yesterday', 'soon', '')],
  ])('records the next occurrence afresh, without a past-due run, %s', (_, stored) => {
    expect(check(stored, '2024-05-01T09:30:00.000Z')).toEqual({
      status: record(NEVER, '2024-05-01T10:00:00.000Z', '2024-05-01T09:30:00.000Z'),
      changed: true,
      pastDue: false,
    });
  });

  it('keeps an up-to-date status as it is', () => {
    const stored = record('2024-05-01T09:00:00.000Z', '2024-05-01T10:00:00.000Z', '2024-05-01T09:00:00.000Z');
    expect(check(stored, '2024-05-01T09:30:00.000Z')).toEqual({ status: stored, changed: false, pastDue: false });
  });

  it.each([
    [
      'the recorded next occurrence passed while down',
      record('2024-05-01T08:00:00.000Z', '2024-05-01T09:00:00.000Z', '2024-05-01T08:00:00.000Z'),
      '2024-05-01T09:30:00.000Z',
    ],
    [
      'a timer that never ran missed its first occurrence',
      record(NEVER, '2024-05-01T10:00:00.000Z', '2024-05-01T09:30:00.000Z'),
      '2024-05-01T10:00:01.000Z',
    ],
  ])('is past due when %s', (_, stored, now) => {
    expect(check(stored, now)).toEqual({ status: stored, changed: false, pastDue: true });
  });

  it('works for TimeSpan schedules (next = last + interval)', () => {
    const every5 = parseNcrontab('00:05:00');
    const stored = record('2024-05-01T09:00:07.000Z', '2024-05-01T09:05:07.000Z', '2024-05-01T09:00:07.000Z');
    expect(check(stored, '2024-05-01T09:03:00.000Z', every5).pastDue).toBe(false);
    expect(check(stored, '2024-05-01T09:06:00.000Z', every5).pastDue).toBe(true);
  });
});
