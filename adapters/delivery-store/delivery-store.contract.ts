import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryAttempt, DeliveryStore } from './delivery-store.js';

const attempt = (deliveryId: string, n: number, at: string, patch: Partial<DeliveryAttempt> = {}): DeliveryAttempt => ({
  deliveryId,
  attempt: n,
  at,
  outcome: 'retry',
  status: 500,
  latencyMs: 12,
  error: 'HTTP 500: busy',
  ...patch,
});

/** The behaviour every DeliveryStore adapter must have. */
export function deliveryStoreContract(name: string, make: () => DeliveryStore): void {
  describe(`DeliveryStore contract: ${name}`, () => {
    it('lists a submission’s attempts in time order, and nothing of other submissions', async () => {
      const store = make();
      const submissionId = randomUUID();
      const first = `${submissionId}.webhook`;
      const replay = `${submissionId}.webhook.replay-1`;
      // Written out of order; attempt 10 sorts before 2 as text unless the number is padded.
      const rows = [
        attempt(first, 10, '2026-01-01T10:10:00.000Z', { outcome: 'delivered', status: 200, error: undefined }),
        attempt(first, 2, '2026-01-01T10:01:00.000Z'),
        attempt(first, 1, '2026-01-01T10:00:00.000Z', { status: undefined, error: 'connect ECONNREFUSED' }),
        // A replay made before the first delivery's last attempt sorts by time, not by id.
        attempt(replay, 1, '2026-01-01T10:05:00.000Z', { outcome: 'gone', status: 410 }),
      ];
      for (const row of rows) await store.recordAttempt(submissionId, row);
      await store.recordAttempt(randomUUID(), attempt(`${submissionId}.other`, 1, '2026-01-01T09:00:00.000Z'));

      const listed = await store.listAttempts(submissionId);
      expect(listed.map((a) => [a.deliveryId, a.attempt])).toEqual([
        [first, 1],
        [first, 2],
        [replay, 1],
        [first, 10],
      ]);
      expect(listed[0]).toEqual(rows[2]);
      expect(listed[0]).not.toHaveProperty('status');
      expect(listed[3]).toEqual(rows[0]);
      expect(await store.listAttempts(randomUUID())).toEqual([]);
    });

    it('keeps one row when the same attempt is recorded twice (a repeated activity)', async () => {
      const store = make();
      const submissionId = randomUUID();
      const deliveryId = `${submissionId}.webhook`;
      await store.recordAttempt(submissionId, attempt(deliveryId, 1, '2026-01-01T10:00:00.000Z'));
      await store.recordAttempt(submissionId, attempt(deliveryId, 1, '2026-01-01T10:00:00.000Z'));
      expect(await store.listAttempts(submissionId)).toHaveLength(1);
      const rerun = attempt(deliveryId, 1, '2026-01-01T10:00:05.000Z', { outcome: 'delivered', status: 204, error: undefined });
      await store.recordAttempt(submissionId, rerun);
      expect(await store.listAttempts(submissionId)).toEqual([rerun]);
    });

    it('refuses ids that cannot be keys and attempt numbers below 1', async () => {
      const store = make();
      await expect(store.recordAttempt(randomUUID(), attempt('a/b', 1, '2026-01-01T10:00:00.000Z'))).rejects.toThrow(/deliveryId/);
      await expect(store.recordAttempt('a#b', attempt('d', 1, '2026-01-01T10:00:00.000Z'))).rejects.toThrow(/submissionId/);
      await expect(store.recordAttempt(randomUUID(), attempt('d', 0, '2026-01-01T10:00:00.000Z'))).rejects.toThrow(/attempt/);
    });

    it('puts, replaces, gets and clears a dead letter, keeping the body byte for byte', async () => {
      const store = make();
      const submissionId = randomUUID();
      expect(await store.getDeadLetter(submissionId)).toBeUndefined();
      await store.clearDeadLetter(submissionId);

      const body = JSON.stringify({ submissionId, note: 'Zürich 📷 "quoted"\n', files: [] });
      const letter = { deliveryId: `${submissionId}.webhook`, body, reason: 'HTTP 503 after 30 attempts', at: '2026-01-02T10:00:00.000Z' };
      await store.putDeadLetter(submissionId, letter);
      expect(await store.getDeadLetter(submissionId)).toEqual(letter);
      expect(await store.getDeadLetter(randomUUID())).toBeUndefined();

      const later = { ...letter, reason: 'connect ETIMEDOUT', at: '2026-01-03T10:00:00.000Z' };
      await store.putDeadLetter(submissionId, later);
      expect(await store.getDeadLetter(submissionId)).toEqual(later);

      await store.clearDeadLetter(submissionId);
      expect(await store.getDeadLetter(submissionId)).toBeUndefined();
    });

    it('allocates distinct, increasing delivery numbers under concurrency, starting after the first delivery’s 1', async () => {
      const store = make();
      const submissionId = randomUUID();
      const numbers = await Promise.all(Array.from({ length: 6 }, () => store.allocateDeliveryNumber(submissionId)));
      expect([...numbers].sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7]);
      expect(await store.allocateDeliveryNumber(submissionId)).toBe(8);
      // Each submission counts on its own.
      expect(await store.allocateDeliveryNumber(randomUUID())).toBe(2);
      await expect(store.allocateDeliveryNumber('a#b')).rejects.toThrow(/submissionId/);
    });

    it('keeps a non-ASCII summary body larger than one table property (64 KiB)', async () => {
      const store = make();
      const submissionId = randomUUID();
      // Emoji every few characters so that chunk boundaries fall inside surrogate pairs too.
      const files = Array.from({ length: 4000 }, (_, i) => ({ fileId: `f${i}`, caption: `📷 photo ${i} 📷` }));
      const body = JSON.stringify({ submissionId, files });
      expect(body.length).toBeGreaterThan(150_000);
      await store.putDeadLetter(submissionId, { deliveryId: 'd', body, reason: 'r', at: '2026-01-02T10:00:00.000Z' });
      expect((await store.getDeadLetter(submissionId))?.body).toBe(body);
    });
  });
}
