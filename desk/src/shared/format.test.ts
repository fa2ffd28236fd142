import { describe, expect, it } from 'vitest';
import { formatCountdown } from '../escalations/format-countdown.js';
import { formatAge } from './format-age.js';
import { formatBytes } from './format-bytes.js';
import { formatDuration } from './format-duration.js';

const now = Date.parse('2025-05-03T12:00:00.000Z');
const at = (offsetMs: number) => new Date(now + offsetMs).toISOString();

describe('formatCountdown', () => {
  it('counts down as a clock, rounding up to the whole second', () => {
    expect(formatCountdown(at(245_000), now)).toBe('4:05');
    expect(formatCountdown(at(59_001), now)).toBe('1:00');
    expect(formatCountdown(at(900), now)).toBe('0:01');
    expect(formatCountdown(at(3_723_000), now)).toBe('1:02:03');
  });

  it('says overdue once the deadline passed, and — for no deadline', () => {
    expect(formatCountdown(at(0), now)).toBe('overdue');
    expect(formatCountdown(at(-5000), now)).toBe('overdue');
    expect(formatCountdown('not a date', now)).toBe('—');
  });
});

describe('formatAge', () => {
  it('is a compact phrase for dense tables, never “now ago”', () => {
    expect(
      [at(1000), at(-400), at(-40_000), at(-12 * 60_000), at(-3 * 3_600_000), at(-5 * 86_400_000)].map((t) => formatAge(t, now)),
    ).toEqual(['just now', 'just now', '40 s ago', '12 min ago', '3 h ago', '5 d ago']);
  });
});

describe('formatDuration', () => {
  it('suits milliseconds to hours', () => {
    expect([850, 1234, 245_000, 7_380_000].map(formatDuration)).toEqual(['850 ms', '1.2 s', '4 min 05 s', '2 h 03 min']);
    expect([null, undefined, -1].map(formatDuration)).toEqual(['—', '—', '—']);
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect([812, 4_200_000, 1_900_000_000, 45_000].map(formatBytes)).toEqual(['812 B', '4.2 MB', '1.9 GB', '45 KB']);
  });
});
