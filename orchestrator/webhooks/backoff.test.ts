import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, nextRetryDelayMs } from './backoff.js';

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

  it('fills a 24-hour window with about 30 attempts by default', () => {
    let elapsed = 0;
    let attempts = 1;
    while (elapsed + nextRetryDelayMs(attempts) <= DEFAULT_BACKOFF.retryWindowMs) elapsed += nextRetryDelayMs(attempts++);
    expect(DEFAULT_BACKOFF.retryWindowMs).toBe(24 * 60 * 60 * 1000);
    expect(attempts).toBe(30);
  });

  it('jitters deterministically by key: the same key gives the same delays on every replay', () => {
    const delays = (key: string): number[] => [1, 2, 3, 8, 9].map((n) => nextRetryDelayMs(n, { jitterKey: key }));
    expect(delays('sub-1.webhook')).toEqual(delays('sub-1.webhook'));
    expect(delays('sub-1.webhook')).not.toEqual(delays('sub-2.webhook'));
    const base = [1, 2, 3, 8, 9].map((n) => nextRetryDelayMs(n));
    delays('sub-1.webhook').forEach((delay, i) => {
      expect(delay).toBeLessThanOrEqual(base[i]!);
      expect(delay).toBeGreaterThanOrEqual(base[i]! * 0.9);
    });
    // Spread: 100 deliveries that failed together do not all come back at the same moment.
    const firstRetries = new Set(Array.from({ length: 100 }, (_, i) => nextRetryDelayMs(1, { jitterKey: `sub-${i}` })));
    expect(firstRetries.size).toBeGreaterThan(90);
    expect(nextRetryDelayMs(1, { jitterKey: 'k', jitterRatio: 0 })).toBe(30_000);
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
