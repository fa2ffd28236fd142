import { describe, expect, it } from 'vitest';
import { keyChecker } from './check-key.js';

describe('keyChecker', () => {
  const check = keyChecker('the-service-key-1234');

  it('accepts the key (the first, when a header is repeated)', () => {
    expect(() => check('the-service-key-1234')).not.toThrow();
    expect(() => check(['the-service-key-1234', 'other'])).not.toThrow();
  });

  it('refuses a missing key and a wrong key with 401, each with its own text', () => {
    expect(() => check(undefined)).toThrow(/^Access denied due to missing subscription key/);
    expect(() => check('')).toThrow(/missing subscription key/);
    expect(() => check('the-service-key-123')).toThrow(/^Access denied due to invalid subscription key or wrong API endpoint/);
    expect(() => check('THE-SERVICE-KEY-1234')).toThrow(/invalid subscription key/);
  });
});
