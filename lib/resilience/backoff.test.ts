import { describe, expect, it } from 'vitest';
import { nextRetryDelayMs } from './backoff.js';

const seconds = (attempts: number[], options = {}): number[] => attempts.map((n) => nextRetryDelayMs(n, options) / 1000);

describe('nextRetryDelayMs', () => {
  it('doubles from 30 s and stops at one hour', () => {
    expect(seconds([1, 2, 3, 4, 5, 6, 7, 8, 9, 50, 10_000])).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]);
  });

  it('follows the options, including a cap that is not a power of the factor', () => {
    expect(seconds([1, 2, 3, 4, 5], { firstMs: 1000, factor: 3, maxMs: 20_000 })).toEqual([1, 3, 9, 20, 20]);
    expect(seconds([1, 2, 3], { firstMs: 5000, factor: 1 })).toEqual([5, 5, 5]);
    expect(nextRetryDelayMs(2000, { factor: 10 })).toBe(3_600_000);
  });

  it('fills a 24-hour window (the delivery retry window by default) with about 30 attempts by default', () => {
    const day = 24 * 60 * 60 * 1000;
    let elapsed = 0;
    let attempts = 1;
    while (elapsed + nextRetryDelayMs(attempts) <= day) elapsed += nextRetryDelayMs(attempts++);
    expect(attempts).toBe(30);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses attempt %s', (attempt) => {
    expect(() => nextRetryDelayMs(attempt)).toThrow(RangeError);
  });

  it('refuses options that would shrink or never grow past the cap', () => {
    expect(() => nextRetryDelayMs(1, { factor: 0.5 })).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1, { firstMs: 10_000, maxMs: 5000 })).toThrow(RangeError);
    expect(() => nextRetryDelayMs(1, { firstMs: -1 })).toThrow(RangeError);
  });
});
