import { describe, expect, it } from 'vitest';
import { InMemoryJobWake } from '../job-wake/in-memory-job-wake.js';
import { InMemoryJobQueue } from './in-memory-job-queue.js';
import { jobQueueContract, type ContractJob } from './job-queue.contract.js';
import { wakeOnSend } from './wake-on-send.js';

// Still a JobQueue in every respect.
jobQueueContract('wakeOnSend(InMemoryJobQueue)', async () => wakeOnSend(new InMemoryJobQueue<ContractJob>(), new InMemoryJobWake()), {
  lockSeconds: 0.5,
});

describe('wakeOnSend', () => {
  it('nudges once the job is on the queue, so the woken worker finds it', async () => {
    const inner = new InMemoryJobQueue<ContractJob>();
    const wake = new InMemoryJobWake();
    const depthWhenWoken: number[] = [];
    wake.onWake(() => void inner.depth().then((d) => depthWhenWoken.push(d)));
    await wakeOnSend(inner, wake).send({ n: 1, text: 'x' }, { messageId: 'a' });
    await new Promise((r) => setImmediate(r));
    expect(depthWhenWoken).toEqual([1]);
  });

  it('does not nudge when the send failed', async () => {
    const inner = new InMemoryJobQueue<ContractJob>();
    inner.send = () => Promise.reject(new Error('queue down'));
    const wake = new InMemoryJobWake();
    let woken = 0;
    wake.onWake(() => woken++);
    await expect(wakeOnSend(inner, wake).send({ n: 1, text: 'x' }, { messageId: 'a' })).rejects.toThrow('queue down');
    expect(woken).toBe(0);
  });
});
