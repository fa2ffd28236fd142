import { describe, expect, it } from 'vitest';
import type { DeadLetterRecord, DeadLetterSink } from './types.js';

export interface DeadLetterSinkHarness {
  sink: DeadLetterSink;
  /** Everything the sink holds, read back through the adapter's own storage. */
  readAll(): Promise<DeadLetterRecord[]>;
  dispose?(): Promise<void>;
}

/**
 * The one contract every DeadLetterSink adapter passes. `makeHarness` gives each test an empty sink
 * (for storage adapters: a fresh, not yet existing container or folder).
 */
export function deadLetterSinkContract(name: string, makeHarness: () => Promise<DeadLetterSinkHarness>): void {
  const record = (over: Partial<DeadLetterRecord> = {}): DeadLetterRecord => ({
    topic: 'newsdesk',
    subscription: 'start-orchestration',
    event: {
      id: 'evt-1',
      source: '/newsdesk/ingest',
      type: 'Newsdesk.Submission.Received',
      specversion: '1.0',
      data: { n: 1 },
    },
    deliveryAttempts: 3,
    deadLetterReason: 'MaxDeliveryAttemptsExceeded',
    lastError: 'HTTP 500 Internal Server Error: boom',
    lastHttpStatus: 500,
    deadLetteredAt: '2025-03-04T05:06:07.000Z',
    ...over,
  });
  const byKey = (r: DeadLetterRecord): string => `${r.subscription}|${String(r.event.id)}`;
  const sorted = (rs: DeadLetterRecord[]): DeadLetterRecord[] => [...rs].sort((a, b) => byKey(a).localeCompare(byKey(b)));

  async function withHarness(test: (h: DeadLetterSinkHarness) => Promise<void>): Promise<void> {
    const h = await makeHarness();
    try {
      await test(h);
    } finally {
      await h.dispose?.();
    }
  }

  describe(`DeadLetterSink contract: ${name}`, () => {
    it('holds a written record exactly as written', () =>
      withHarness(async ({ sink, readAll }) => {
        await sink.write(record());
        expect(await readAll()).toEqual([record()]);
      }));

    it('does not invent a lastHttpStatus for failures without one', () =>
      withHarness(async ({ sink, readAll }) => {
        const { lastHttpStatus: _omit, ...noStatus } = record({ lastError: 'function failed: boom' });
        await sink.write(noStatus);
        const [stored] = await readAll();
        expect(stored).toEqual(noStatus);
        expect(stored).not.toHaveProperty('lastHttpStatus');
      }));

    it('keeps one copy when the same record is written twice (retries are idempotent)', () =>
      withHarness(async ({ sink, readAll }) => {
        await sink.write(record());
        await sink.write(record({ deliveryAttempts: 4 }));
        expect(await readAll()).toEqual([record({ deliveryAttempts: 4 })]);
      }));

    it('keeps records of different subscriptions and events apart', () =>
      withHarness(async ({ sink, readAll }) => {
        const written = [record(), record({ subscription: 'audit-webhook' }), record({ event: { ...record().event, id: 'evt-2' } })];
        for (const r of written) await sink.write(r);
        expect(sorted(await readAll())).toEqual(sorted(written));
      }));

    it('preserves awkward event ids and payloads', () =>
      withHarness(async ({ sink, readAll }) => {
        const r = record({
          event: {
            id: 'sub/42 file?#1',
            subject: 'incoming/ä/ß',
            data: { caption: 'Überschwemmung – 北京', list: [1, null, { a: true }] },
          },
        });
        await sink.write(r);
        expect(await readAll()).toEqual([r]);
      }));

    it('accepts concurrent writes without losing any', () =>
      withHarness(async ({ sink, readAll }) => {
        const written = Array.from({ length: 12 }, (_, i) => record({ event: { ...record().event, id: `evt-${i}` } }));
        await Promise.all(written.map((r) => sink.write(r)));
        expect(sorted(await readAll())).toEqual(sorted(written));
      }));
  });
}
