import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobQueue, ReceivedJob } from './job-queue.js';

export type ContractJob = { n: number; text: string };

/** Short locks keep the suite fast; a Service Bus double must be given the same lock duration. */
export const CONTRACT_LOCK_SECONDS = 2;

export interface JobQueueContractOptions {
  /** False where the adapter cannot count (it must then say so by returning -1). */
  countsDepth?: boolean;
  /**
   * The lock the suite asks for; every wait and delay in it is a multiple of it. Default
   * CONTRACT_LOCK_SECONDS (storage queues count visibility in whole seconds); an in-memory queue
   * can run the same suite ten times faster.
   */
  lockSeconds?: number;
}

/** The behaviour every JobQueue adapter must have. `makeQueue` gives a fresh, empty queue each time. */
export function jobQueueContract(
  name: string,
  makeQueue: () => Promise<JobQueue<ContractJob>>,
  options: JobQueueContractOptions = {},
): void {
  const LOCK = options.lockSeconds ?? CONTRACT_LOCK_SECONDS;
  const lock = { lockSeconds: LOCK };
  describe(`JobQueue contract: ${name}`, () => {
    const open: JobQueue<ContractJob>[] = [];
    const fresh = async () => {
      const queue = await makeQueue();
      open.push(queue);
      return queue;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((q) => q.close()));
    });
    const one = async (queue: JobQueue<ContractJob>, waitSeconds: number): Promise<ReceivedJob<ContractJob>> => {
      const jobs = await queue.receive({ max: 1, ...lock, waitSeconds });
      expect(jobs).toHaveLength(1);
      return jobs[0]!;
    };
    const since = (start: number) => Date.now() - start;

    it('round-trips the body and the messageId', async () => {
      const queue = await fresh();
      const messageId = `sub-${randomUUID()}/file-1`;
      await queue.send({ n: 42, text: 'Zoë at the “riot” – 東京 ✓' }, { messageId });
      const job = await one(queue, 5);
      expect(job).toMatchObject({ body: { n: 42, text: 'Zoë at the “riot” – 東京 ✓' }, messageId, deliveryCount: 1 });
      await job.complete();
    });

    it('receives at most `max` jobs and leaves the rest waiting', async () => {
      const queue = await fresh();
      for (const n of [1, 2, 3]) await queue.send({ n, text: 't' }, { messageId: `m${n}` });
      await sleep(LOCK * 100);
      const first = await queue.receive({ max: 2, ...lock, waitSeconds: 5 });
      expect(first).toHaveLength(2);
      const rest = await queue.receive({ max: 10, ...lock, waitSeconds: 5 });
      expect([...first, ...rest].map((j) => j.body.n).sort()).toEqual([1, 2, 3]);
      await Promise.all([...first, ...rest].map((j) => j.complete()));
    });

    it('hides a locked job from other receivers, redelivers it with deliveryCount 2 once the lock expires, and refuses the stale lock', async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'slow' }, { messageId: 'slow' });
      const first = await one(queue, 5);
      const start = Date.now();
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK / 2 })).toEqual([]);
      const again = await one(queue, LOCK + 5);
      expect(since(start)).toBeGreaterThanOrEqual(LOCK * 650);
      expect(again).toMatchObject({ messageId: 'slow', body: { n: 1, text: 'slow' }, deliveryCount: 2 });
      // The first worker overran its lock: it must not remove the job the second one now owns.
      await expect(first.complete()).rejects.toThrow();
      await again.complete();
    });

    it('complete removes the job for good', async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'done' }, { messageId: 'done' });
      await (await one(queue, 5)).complete();
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK * 1.5 })).toEqual([]);
    });

    it('abandon makes the job available again at once, with deliveryCount 2', async () => {
      const queue = await fresh();
      await queue.send({ n: 7, text: 'again' }, { messageId: 'again' });
      await (await one(queue, 5)).abandon();
      const start = Date.now();
      const again = await one(queue, LOCK);
      expect(since(start)).toBeLessThan(LOCK * 1000);
      expect(again).toMatchObject({ messageId: 'again', body: { n: 7, text: 'again' }, deliveryCount: 2 });
      await again.complete();
    });

    it('abandon with a delay keeps the job away at least that long', async () => {
      const queue = await fresh();
      await queue.send({ n: 8, text: 'later' }, { messageId: 'later' });
      const job = await one(queue, 5);
      const start = Date.now();
      await job.abandon(LOCK);
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK / 2 })).toEqual([]);
      const again = await one(queue, LOCK * 3);
      expect(since(start)).toBeGreaterThanOrEqual(LOCK * 950);
      expect(again).toMatchObject({ messageId: 'later', body: { n: 8, text: 'later' }, deliveryCount: 2 });
      await again.complete();
    });

    it('defer gives the job back after its delay without counting the delivery, past any delivery limit', async () => {
      const queue = await fresh();
      await queue.send({ n: 10, text: 'outage' }, { messageId: 'outage' });
      const start = Date.now();
      await (await one(queue, 5)).defer(LOCK);
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK / 2 })).toEqual([]);
      let job = await one(queue, LOCK * 3);
      expect(since(start)).toBeGreaterThanOrEqual(LOCK * 950);
      // More deferrals than any adapter's default delivery limit (5): none of them is spent.
      for (let i = 0; i < 6; i++) {
        expect(job).toMatchObject({ messageId: 'outage', body: { n: 10, text: 'outage' }, deliveryCount: 1 });
        await job.defer();
        job = await one(queue, LOCK * 2);
      }
      await job.abandon();
      const again = await one(queue, LOCK * 2);
      expect(again).toMatchObject({ messageId: 'outage', deliveryCount: 2 });
      await expect(job.defer()).rejects.toThrow();
      await again.complete();
    });

    it('renewLock keeps the job locked past the original lock time', async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'video' }, { messageId: 'video' });
      const job = await one(queue, 5);
      const start = Date.now();
      await sleep(LOCK * 600);
      await job.renewLock();
      await sleep(LOCK * 600);
      await job.renewLock();
      expect(since(start)).toBeGreaterThan(LOCK * 1000);
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK / 4 })).toEqual([]);
      await job.complete();
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK * 1.5 })).toEqual([]);
    });

    it("a job completed while its lock is being renewed stays completed (the worker's timer may fire at any moment)", async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'race' }, { messageId: 'race' });
      const job = await one(queue, 5);
      const renewal = job.renewLock();
      await job.complete();
      await renewal.catch(() => undefined);
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK * 1.5 })).toEqual([]);
    });

    it('deadLetter removes the job from the queue', async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'bad' }, { messageId: 'bad' });
      await (await one(queue, 5)).deadLetter('unsupported media type');
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: LOCK * 1.5 })).toEqual([]);
    });

    it('settles a job only once', async () => {
      const queue = await fresh();
      await queue.send({ n: 1, text: 'once' }, { messageId: 'once' });
      const job = await one(queue, 5);
      await job.complete();
      await expect(job.abandon()).rejects.toThrow();
      await expect(job.deadLetter('late')).rejects.toThrow();
    });

    it('returns [] from an empty queue within waitSeconds', async () => {
      const queue = await fresh();
      const start = Date.now();
      expect(await queue.receive({ max: 5, ...lock, waitSeconds: LOCK / 2 })).toEqual([]);
      expect(since(start)).toBeLessThan(LOCK * 1500);
    });

    it('hands over a job sent while a receive is waiting', async () => {
      const queue = await fresh();
      const start = Date.now();
      const pending = queue.receive({ max: 1, ...lock, waitSeconds: LOCK * 5 });
      await sleep(LOCK * 250);
      await queue.send({ n: 9, text: 'late' }, { messageId: 'late' });
      const jobs = await pending;
      expect(since(start)).toBeLessThan(LOCK * 4000);
      expect(jobs.map((j) => j.messageId)).toEqual(['late']);
      await jobs[0]!.complete();
    });

    if (options.countsDepth === false) {
      it('depth is -1: this adapter cannot count waiting jobs (count assertion skipped)', async () => {
        const queue = await fresh();
        await queue.send({ n: 1, text: 'x' }, { messageId: 'x' });
        expect(await queue.depth()).toBe(-1);
      });
    } else {
      it('depth counts the jobs waiting', async () => {
        const queue = await fresh();
        expect(await queue.depth()).toBe(0);
        for (const n of [1, 2, 3]) await queue.send({ n, text: 'x' }, { messageId: `d${n}` });
        expect(await queue.depth()).toBe(3);
        const [job] = await queue.receive({ max: 1, ...lock, waitSeconds: 5 });
        await job!.complete();
        expect(await queue.depth()).toBe(2);
      });
    }
  });
}
