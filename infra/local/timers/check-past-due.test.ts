import { describe, expect, it } from 'vitest';
import { checkPastDue, NEVER } from './check-past-due.js';
import { parseNcrontab } from './parse-ncrontab.js';

const hourly = parseNcrontab('0 0 * * * *');
const at = (iso: string): Date => new Date(iso);

describe('checkPastDue', () => {
  it('records the next occurrence on first start, without a past-due run', () => {
    expect(checkPastDue(hourly, undefined, at('2024-05-01T09:30:00.000Z'), 'UTC')).toEqual({
      status: {
        last: NEVER,
        next: '2024-05-01T10:00:00.000Z',
        lastUpdated: '2024-05-01T09:30:00.000Z',
      },
      changed: true,
      pastDue: false,
    });
  });

  it('keeps an up-to-date status as it is', () => {
    const stored = {
      last: '2024-05-01T09:00:00.000Z',
      next: '2024-05-01T10:00:00.000Z',
      lastUpdated: '2024-05-01T09:00:00.000Z',
    };
    expect(checkPastDue(hourly, stored, at('2024-05-01T09:30:00.000Z'), 'UTC')).toEqual({
      status: stored,
      changed: false,
      pastDue: false,
    });
  });

  it('is past due when the recorded next occurrence passed while down', () => {
    const stored = {
      last: '2024-05-01T08:00:00.000Z',
      next: '2024-05-01T09:00:00.000Z',
      lastUpdated: '2024-05-01T08:00:00.000Z',
    };
    const result = checkPastDue(hourly, stored, at('2024-05-01T09:30:00.000Z'), 'UTC');
    expect(result).toEqual({ status: stored, changed: false, pastDue: true });
  });

  it('is past due for a timer that never ran but whose first occurrence was missed', () => {
    const stored = {
      last: NEVER,
      next: '2024-05-01T10:00:00.000Z',
      lastUpdated: '2024-05-01T09:30:00.000Z',
    };
    const result = checkPastDue(hourly, stored, at('2024-05-01T10:00:01.000Z'), 'UTC');
    expect(result.pastDue).toBe(true);
    expect(result.changed).toBe(false);
  });

  it('re-derives the status instead of reporting a miss when the schedule was edited', () => {
    // Written by a half-hourly schedule; now hourly: next(08:00) = 09:00 ≠ 08:30.
    const stored = {
      last: '2024-05-01T08:00:00.000Z',
      next: '2024-05-01T08:30:00.000Z',
      lastUpdated: '2024-05-01T08:00:00.000Z',
    };
    expect(checkPastDue(hourly, stored, at('2024-05-01T09:30:00.000Z'), 'UTC')).toEqual({
      status: {
        last: NEVER,
        next: '2024-05-01T10:00:00.000Z',
        lastUpdated: '2024-05-01T09:30:00.000Z',
      },
      changed: true,
      pastDue: false,
    });
  });

  it('treats an unreadable record like a first start', () => {
    const stored = { last: 'yesterday', next: 'soon', lastUpdated: '' };
    const result = checkPastDue(hourly, stored, at('2024-05-01T09:30:00.000Z'), 'UTC');
    expect(result.changed).toBe(true);
    expect(result.pastDue).toBe(false);
    expect(result.status.next).toBe('2024-05-01T10:00:00.000Z');
  });

  it('works for TimeSpan schedules (next = last + interval)', () => {
    const every5 = parseNcrontab('00:05:00');
    const stored = {
      last: '2024-05-01T09:00:07.000Z',
      next: '2024-05-01T09:05:07.000Z',
      lastUpdated: '2024-05-01T09:00:07.000Z',
    };
    expect(checkPastDue(every5, stored, at('2024-05-01T09:03:00.000Z'), 'UTC').pastDue).toBe(false);
    expect(checkPastDue(every5, stored, at('2024-05-01T09:06:00.000Z'), 'UTC').pastDue).toBe(true);
  });
});
