import { describe, expect, it } from 'vitest';
import { jobQueueContract, type ContractJob } from './job-queue.contract.js';
import { InMemoryJobQueue } from './in-memory-job-queue.js';

// Locks of half a second: the contract's waits scale with them, and nothing here has whole-second clocks.
jobQueueContract('InMemoryJobQueue', async () => new InMemoryJobQueue<ContractJob>(), { lockSeconds: 0.5 });

describe('InMemoryJobQueue: its dead-letter queue', () => {
  const lock = { lockSeconds: 0.5 };

  it('keeps a dead-lettered job with its reason', async () => {
    const queue = new InMemoryJobQueue<ContractJob>();
    await queue.send({ n: 2, text: 'bad' }, { messageId: 'bad-1' });
    const [job] = await queue.receive({ max: 1, ...lock });
    await job!.deadLetter('unsupported media type');
    expect(queue.deadLettered).toEqual([
      { messageId: 'bad-1', body: { n: 2, text: 'bad' }, reason: 'unsupported media type', deliveryCount: 1 },
    ]);
    expect(await queue.depth()).toBe(0);
  });

  it('dead-letters a job on the receive after maxDeliveryCount deliveries, as both services do', async () => {
    const queue = new InMemoryJobQueue<ContractJob>({ maxDeliveryCount: 2 });
    await queue.send({ n: 3, text: 'crashes the worker' }, { messageId: 'poison-1' });
    for (const expected of [1, 2]) {
      const [job] = await queue.receive({ max: 1, ...lock });
      expect(job!.deliveryCount).toBe(expected);
      await job!.abandon();
    }
    expect(await queue.receive({ max: 1, ...lock })).toEqual([]);
    expect(queue.deadLettered).toEqual([
      { messageId: 'poison-1', body: { n: 3, text: 'crashes the worker' }, reason: 'max deliveries exceeded', deliveryCount: 3 },
    ]);
    expect(await queue.depth()).toBe(0);
  });

  it('ends a waiting receive with no jobs when closed, and refuses use after', async () => {
    const queue = new InMemoryJobQueue<ContractJob>();
    const waiting = queue.receive({ max: 1, ...lock, waitSeconds: 30 });
    await queue.close();
    expect(await waiting).toEqual([]);
    await expect(queue.send({ n: 1, text: 'late' }, { messageId: 'late' })).rejects.toThrow(/closed/);
  });
});
