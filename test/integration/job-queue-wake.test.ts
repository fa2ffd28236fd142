import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractJob } from '../../adapters/job-queue/job-queue.contract.js';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import { wakeOnSend } from '../../adapters/job-queue/wake-on-send.js';
import { DatagramJobWake } from '../../adapters/job-wake/datagram-job-wake.js';
import { listenForJobWakes, type DatagramJobWakeups } from '../../adapters/job-wake/datagram-job-wakeups.js';
import { InMemoryJobWake } from '../../adapters/job-wake/in-memory-job-wake.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

let azurite: RunningAzurite;
let wakeups: DatagramJobWakeups;
beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-wake-')) });
  wakeups = await listenForJobWakes();
});
afterAll(async () => {
  await wakeups?.close();
  await azurite?.stop();
});

/** An idle poll of 5 s from the first empty poll on (no backoff): a job sent mid-wait waits seconds unless nudged. */
const IDLE_MS = 5_000;
const lock = { lockSeconds: 5 };
const job = { n: 1, text: 'photo' };

describe('StorageQueueJobQueue on Azurite with job wakes', () => {
  it('takes a job at once when its sender nudges it, though it polls only every 5 s', async () => {
    const name = `jobs-${randomUUID().slice(0, 8)}`;
    // The worker's end hears the loopback datagrams the app's end sends: the real path, without the runner's relay.
    const worker = new StorageQueueJobQueue<ContractJob>(azurite.connectionString, name, {
      pollIntervalMs: IDLE_MS,
      busyPollIntervalMs: IDLE_MS,
      wakeups,
    });
    const app = wakeOnSend(
      new StorageQueueJobQueue<ContractJob>(azurite.connectionString, name),
      new DatagramJobWake(`127.0.0.1:${wakeups.port}`),
    );
    await worker.depth(); // creates the queue, so the receive below starts with its first (empty) poll
    const receiving = worker.receive({ max: 1, waitSeconds: 30, ...lock });
    await sleep(300); // the first poll found nothing: the receive now waits its 5 s
    const sent = performance.now();
    await app.send(job, { messageId: 'nudged' });
    const [received] = await receiving;
    expect(received?.body).toEqual(job);
    expect(performance.now() - sent).toBeLessThan(2_000);
    await received!.complete();
    await Promise.all([worker.close(), app.close()]);
  });

  it('still takes a job whose nudge was lost, on its next poll', async () => {
    const name = `jobs-${randomUUID().slice(0, 8)}`;
    const wake = new InMemoryJobWake();
    const worker = new StorageQueueJobQueue<ContractJob>(azurite.connectionString, name, {
      pollIntervalMs: 1_000,
      busyPollIntervalMs: 1_000,
      wakeups: wake,
    });
    // A sender that nudges nobody: the datagram goes to a port nothing listens on.
    const app = wakeOnSend(new StorageQueueJobQueue<ContractJob>(azurite.connectionString, name), new DatagramJobWake('127.0.0.1:9'));
    await worker.depth();
    const receiving = worker.receive({ max: 1, waitSeconds: 30, ...lock });
    await sleep(300);
    await app.send(job, { messageId: 'lost-nudge' });
    const [received] = await receiving;
    expect(received?.body).toEqual(job);
    await received!.complete();
    await Promise.all([worker.close(), app.close(), wake.close()]);
  });

  it('backs off only while the queue stays empty, and starts short again after a poll that got jobs', async () => {
    const name = `jobs-${randomUUID().slice(0, 8)}`;
    const queue = new StorageQueueJobQueue<ContractJob>(azurite.connectionString, name, { pollIntervalMs: 2_000, busyPollIntervalMs: 50 });
    let polls = 0;
    const receiveMessages = queue.queue.receiveMessages.bind(queue.queue);
    queue.queue.receiveMessages = (options) => (polls++, receiveMessages(options));
    // Idle for 3 s: 50, 100, 200, 400, 800 ms, then the 2 s idle interval — about 7 polls, not 60 at 50 ms.
    expect(await queue.receive({ max: 1, waitSeconds: 3, ...lock })).toEqual([]);
    expect(polls).toBeGreaterThanOrEqual(5);
    expect(polls).toBeLessThanOrEqual(9);
    // Still idle: a 1 s wait is one poll and one nap of the idle interval.
    polls = 0;
    expect(await queue.receive({ max: 1, waitSeconds: 1, ...lock })).toEqual([]);
    expect(polls).toBe(1);
    // A poll that gets a job starts the intervals over: the next second of waiting polls several times again.
    await queue.send(job, { messageId: 'one' });
    const [received] = await queue.receive({ max: 1, waitSeconds: 1, ...lock });
    await received!.complete();
    polls = 0;
    expect(await queue.receive({ max: 1, waitSeconds: 1, ...lock })).toEqual([]);
    expect(polls).toBeGreaterThanOrEqual(3);
    await queue.close();
  });
});
