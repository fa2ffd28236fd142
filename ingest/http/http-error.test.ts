import { describe, expect, it } from 'vitest';
import { HttpError } from './http-error.js';

describe('HttpError', () => {
  it('carries what the problem response needs', () => {
    const error = new HttpError(429, 'rate-limited', 'Too many requests', 'Slow down.', { limit: 60 }, { 'retry-after': '2' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('HttpError');
    expect(error.message).toBe('Slow down.');
    expect(error.type).toBe('https://newsdesk.dev/problems/rate-limited');
    expect([error.status, error.code, error.title, error.detail]).toEqual([429, 'rate-limited', 'Too many requests', 'Slow down.']);
    expect(error.extensions).toEqual({ limit: 60 });
    expect(error.headers).toEqual({ 'retry-after': '2' });
  });

  it('uses the title as the message when there is no detail', () => {
    expect(new HttpError(404, 'not-found', 'Not found').message).toBe('Not found');
  });

  it.each([200, 399, 600, 404.5])('refuses status %s', (status) => {
    expect(() => new HttpError(status, 'x', 'X')).toThrow(RangeError);
  });

  it.each(['', 'Not-Found', 'not found', '-x', 'x-', 'https://newsdesk.dev/problems/x'])('refuses code %j', (code) => {
    expect(() => new HttpError(400, code, 'X')).toThrow(RangeError);
  });
});
