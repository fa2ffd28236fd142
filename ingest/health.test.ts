import { describe, expect, it } from 'vitest';
import { received } from '../test/support/ingest-testbed.js';
import { createHealthHandler } from './health.js';

describe('GET /api/health', () => {
  it('answers 200 when every check passes', async () => {
    const res = await received(await createHealthHandler({ storage: async () => 1, events: async () => undefined })());
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', checks: { storage: 'ok', events: 'ok' } } });
  });

  it('answers 503 naming each failed check, with Retry-After', async () => {
    const res = await received(
      await createHealthHandler({
        storage: async () => 1,
        tables: () => Promise.reject(new Error('connect ECONNREFUSED')),
        events: () => Promise.reject(new Error('')),
      })(),
    );
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('1');
    expect(res.body).toEqual({
      type: 'https://newsdesk.dev/problems/not-ready',
      title: 'Not ready',
      status: 503,
      detail: 'tables: connect ECONNREFUSED; events: failed',
      checks: { storage: 'ok', tables: 'connect ECONNREFUSED', events: 'failed' },
    });
  });
});
