import { describe, expect, it } from 'vitest';
import { isTransientFault } from './transient-fault.js';

/** The shape of @azure/core-rest-pipeline's RestError: an HTTP status, or the socket's error code. */
const restError = (fields: { statusCode?: number; code?: string }) => Object.assign(new Error('failed'), { name: 'RestError', ...fields });

describe('isTransientFault', () => {
  it.each([408, 429, 500, 503])('retries HTTP %s', (statusCode) => {
    expect(isTransientFault(restError({ statusCode }))).toBe(true);
  });

  it.each([400, 401, 404, 501, 505])('does not retry HTTP %s', (statusCode) => {
    expect(isTransientFault(restError({ statusCode }))).toBe(false);
  });

  it('retries a connection that failed, not a bug', () => {
    expect(isTransientFault(restError({ code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientFault(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientFault(undefined)).toBe(false);
  });
});
