import { describe, expect, it } from 'vitest';
import { InMemoryJobQueue } from '../../adapters/job-queue/in-memory-job-queue.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { loadWorkerConfig } from '../config.js';
import { exitWhenIdle } from './exit-when-idle.js';
import { startConsumer } from './run-consumer.js';

const job = (id: string): AnalysisJob => ({
  jobId: id,
  submissionId: 's1',
  fileId: id,
  blob: `incoming/s1/${id}`,
  blobUrl: `https://storage.example.net/incoming/s1/${id}?sig=x`,
  mediaType: 'photo',
  contentType: 'image/jpeg',
  deadline: new Date(Date.now() + 60_000).toISOString(),
  callback: { instanceId: `s1-${id}`, url: 'https://app.example.net/api/jobs/x/events/{eventName}', token: 't' },
});

// A Container Apps job execution drains the queue and ends; a long-running worker (npm start) never does.
describe('a worker run as a job execution', () => {
  it('takes every waiting job, then stops once it has had nothing to do for the idle period', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    for (const id of ['f1', 'f2', 'f3']) await queue.send(job(id), { messageId: id });
    const done: string[] = [];
    const consumer = startConsumer({
      queue,
      handle: async (j) => {
        await new Promise((r) => setTimeout(r, 100));
        done.push(j.jobId);
        return { kind: 'completed', resultBlob: `results/s1/${j.fileId}/analysis.json`, event: 'raised' };
      },
      concurrency: 1,
      lockSeconds: 30,
      maxDeliveries: 5,
      retry: { baseSeconds: 1, maxSeconds: 1 },
      pollSeconds: 0.05,
      log: () => undefined,
    });
    let stoppedAt: number | undefined;
    const cancel = exitWhenIdle(consumer, 300, () => (stoppedAt = performance.now()), 20);
    const startedAt = performance.now();
    await expect.poll(() => stoppedAt, { timeout: 5_000, interval: 20 }).toBeDefined();
    cancel();
    await consumer.stop(1_000);
    expect(done).toEqual(['f1', 'f2', 'f3']);
    // Three jobs of 100 ms one after the other, then the idle period: never before the queue was drained.
    expect(stoppedAt! - startedAt).toBeGreaterThanOrEqual(600);
  });

  it('counts a job in hand as busy, however long it runs', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    await queue.send(job('long'), { messageId: 'long' });
    let release!: () => void;
    const consumer = startConsumer({
      queue,
      handle: () =>
        new Promise(
          (resolve) => (release = () => resolve({ kind: 'completed', resultBlob: 'results/s1/long/analysis.json', event: 'raised' })),
        ),
      concurrency: 1,
      lockSeconds: 30,
      maxDeliveries: 5,
      retry: { baseSeconds: 1, maxSeconds: 1 },
      pollSeconds: 0.05,
      log: () => undefined,
    });
    await expect.poll(() => consumer.inFlight(), { timeout: 2_000, interval: 10 }).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(consumer.idleForMs()).toBe(0);
    release();
    await expect.poll(() => consumer.idleForMs(), { timeout: 2_000, interval: 10 }).toBeGreaterThan(0);
    await consumer.stop(1_000);
  });

  it('is off unless NEWSDESK_WORKER_EXIT_WHEN_IDLE is set', () => {
    const base = { AzureWebJobsStorage: 'UseDevelopmentStorage=true' };
    expect(loadWorkerConfig(base).exitWhenIdleMs).toBeUndefined();
    expect(loadWorkerConfig({ ...base, NEWSDESK_WORKER_EXIT_WHEN_IDLE: 'PT2M' }).exitWhenIdleMs).toBe(120_000);
  });
});
