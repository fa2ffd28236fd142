import { describe, expect, it } from 'vitest';
import { received } from '../test/support/ingest-testbed.js';
import { createHealthHandler } from './health.js';

/** A dependency that never answers (Azurite killed mid-request); it reports whether it was told to stop. */
function hanging() {
  const seen = { aborted: false };
  const check = (signal: AbortSignal) =>
    new Promise<never>((_, reject) => {
      signal.addEventListener('abort', () => {
        seen.aborted = true;
        // Rejects after the deadline: the handler must ignore it, not leave it unhandled.
        reject(new Error('aborted'));
      });
    });
  return { check, seen };
}

describe('GET /api/health', () => {
  it('answers 200 when every check passes', async () => {
    const res = await received(await createHealthHandler({ storage: async () => 1, events: async () => undefined })());
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', checks: { storage: 'ok', events: 'ok' } } });
  });

  it('answers 503 naming each failed check and its error, with Retry-After', async () => {
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
      detail: 'tables: error: connect ECONNREFUSED; events: error: failed',
      checks: { storage: 'ok', tables: 'error: connect ECONNREFUSED', events: 'error: failed' },
    });
  });

  it('names a check that throws before returning a promise', async () => {
    const res = await received(
      await createHealthHandler({
        storage: () => {
          throw new Error('no account configured');
        },
      })(),
    );
    expect(res.body).toMatchObject({ status: 503, checks: { storage: 'error: no account configured' } });
  });

  it('answers within 2 s when checks hang, naming each hung check as a timeout and aborting it', async () => {
    const [storage, tables] = [hanging(), hanging()];
    const health = createHealthHandler({ storage: storage.check, tables: tables.check, events: async () => undefined });
    const started = performance.now();
    const res = await received(await health());
    // In parallel, each under its own deadline: two hung checks cost one deadline, not two.
    expect(performance.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      detail: 'storage: timeout after 1500 ms; tables: timeout after 1500 ms',
      checks: { storage: 'timeout after 1500 ms', tables: 'timeout after 1500 ms', events: 'ok' },
    });
    expect(storage.seen.aborted && tables.seen.aborted).toBe(true);
  });

  it('keeps serving: a check that never settles, even ignoring its abort, holds up no later answer', async () => {
    let calls = 0;
    const health = createHealthHandler(
      {
        storage: () => (++calls === 1 ? new Promise(() => {}) : Promise.resolve()),
      },
      50,
    );
    expect(await received(await health())).toMatchObject({ status: 503, body: { checks: { storage: 'timeout after 50 ms' } } });
    expect(await received(await health())).toMatchObject({ status: 200, body: { checks: { storage: 'ok' } } });
  });
});
