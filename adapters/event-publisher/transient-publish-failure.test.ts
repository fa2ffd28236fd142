import { describe, expect, it } from 'vitest';
import { isTransientPublishFailure } from './transient-publish-failure.js';

/** The shape of @azure/core-rest-pipeline's RestError: an HTTP status, or the socket's error code. */
const restError = (fields: { statusCode?: number; code?: string }) => Object.assign(new Error('failed'), { name: 'RestError', ...fields });

describe('isTransientPublishFailure', () => {
  it.each([408, 429, 500, 503])('retries HTTP %s', (statusCode) => {
    expect(isTransientPublishFailure(restError({ statusCode }))).toBe(true);
  });

  it.each([400, 401, 404, 501, 505])('does not retry HTTP %s', (statusCode) => {
    expect(isTransientPublishFailure(restError({ statusCode }))).toBe(false);
  });

  it('retries a connection that failed, not a bug', () => {
    expect(isTransientPublishFailure(restError({ code: 'ECONNREFUSED' }))).toBe(true);
    expect(isTransientPublishFailure(new TypeError('x is undefined'))).toBe(false);
    expect(isTransientPublishFailure(undefined)).toBe(false);
  });
});
