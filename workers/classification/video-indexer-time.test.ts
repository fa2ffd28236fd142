import { describe, expect, it } from 'vitest';
import { formatVideoIndexerTime } from './video-indexer-time.js';

describe('formatVideoIndexerTime', () => {
  // The forms in Video Indexer's published insights JSON.
  it.each([
    [0, '0:00:00'],
    [45.5, '0:00:45.5'],
    [46, '0:00:46'],
    [5.75, '0:00:05.75'],
    [1.5682333, '0:00:01.5682333'],
    [16.7167, '0:00:16.7167'],
    [110.486, '0:01:50.486'],
    [3723.25, '1:02:03.25'],
    [36_000, '10:00:00'],
  ])('%f s is %s', (seconds, expected) => {
    expect(formatVideoIndexerTime(seconds)).toBe(expected);
  });

  it('rounds to 100 ns ticks, so float noise does not show', () => {
    expect(formatVideoIndexerTime(0.1 + 0.2)).toBe('0:00:00.3');
    expect(formatVideoIndexerTime(59.99999999)).toBe('0:01:00');
  });

  it('refuses negative and non-finite times', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => formatVideoIndexerTime(bad)).toThrow(RangeError);
  });
});
