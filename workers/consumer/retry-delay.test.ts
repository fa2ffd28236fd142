import { expect, it } from 'vitest';
import { retryDelaySeconds } from './retry-delay.js';

it('doubles the delay per delivery up to the cap', () => {
  expect([1, 2, 3, 4, 5, 6].map((n) => retryDelaySeconds(n, 15, 120))).toEqual([15, 30, 60, 120, 120, 120]);
});
