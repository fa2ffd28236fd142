import { describe, expect, it } from 'vitest';
import { parseDuration } from './duration.js';

describe('ISO 8601 durations', () => {
  it.each([
    ['PT30M', 1_800_000],
    ['PT5M', 300_000],
    ['P1DT2H', 93_600_000],
    ['PT0.5S', 500],
    ['PT24H', 86_400_000],
  ])('%s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['30m', 'P', 'PT', 'PT-5M', 'P1W', ''])('rejects %j', (text) => expect(() => parseDuration(text)).toThrow(/ISO 8601/));
});
