import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

const opts = { initialDelayMs: 10_000, maxDelayMs: 12 * 3600_000 };

describe('retryDelayMs', () => {
  it('doubles from initialDelayMs with no jitter at the midpoint', () => {
    const mid = (): number => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, opts, mid))).toEqual([10_000, 20_000, 40_000, 80_000, 160_000]);
  });

  it('jitters by at most ±20%', () => {
    expect(retryDelayMs(3, opts, () => 0)).toBe(32_000);
    expect(retryDelayMs(3, opts, () => 0.999999)).toBe(48_000);
    for (let i = 0; i < 200; i++) {
      const d = retryDelayMs(2, opts);
      expect(d).toBeGreaterThanOrEqual(16_000);
      expect(d).toBeLessThanOrEqual(24_000);
    }
  });

  it('spreads retries instead of repeating one value', () => {
    const seen = new Set(Array.from({ length: 50 }, () => retryDelayMs(4, opts)));
    expect(seen.size).toBeGreaterThan(10);
  });

  it('caps at maxDelayMs, jitter included', () => {
    expect(retryDelayMs(30, opts, () => 0)).toBe(opts.maxDelayMs);
    expect(retryDelayMs(6, { initialDelayMs: 100, maxDelayMs: 1_000 }, () => 0.999)).toBe(1_000);
  });
});
