import { describe, expect, it } from 'vitest';
import { monitorsByDefault } from './monitors-by-default.js';
import { parseNcrontab } from './parse-ncrontab.js';

describe('monitorsByDefault', () => {
  it.each([
    ['0 */5 * * * *', true],
    ['0 * * * * *', true], // exactly once a minute is still monitored, as on Azure
    ['* * * * *', true], // 5-field every minute
    ['*/10 * * * * *', false],
    ['0,30 * * * * *', false],
    ['*/10 * 9 * * *', true], // restricted to one hour: gaps longer than a minute
    ['00:01:00', true],
    ['00:00:59', false],
  ])('%s → %s', (expression, expected) => {
    expect(monitorsByDefault(parseNcrontab(expression))).toBe(expected);
  });
});
