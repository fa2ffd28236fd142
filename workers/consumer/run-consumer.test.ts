import { describe, expect, it } from 'vitest';
import { InMemoryJobQueue } from '../../adapters/job-queue/in-memory-job-queue.js';
import type { AnalysisJob } from '../../contracts/job.js';
import type { JobOutcome } from '../job/process-job.js';
import { startConsumer } from './run-consumer.js';

const job: AnalysisJob = {
  jobId: 's1.f1',
  submissionId: 's1',
  fileId: 'f1',
  blob: 'incoming/s1/f1',
  blobUrl: 'https://storage.example.net/incoming/s1/f1?sig=x',
  mediaType: 'photo',
  contentType: 'image/jpeg',
  deadline: new Date(Date.now() + 60_000).toISOString(),
  callback: { instanceId: 's1-f1', url: 'https://app.example.net/api/jobs/s1.f1/events/{eventName}', token: 't' },
};

describe('the consumer and a job that met a storage outage', () => {
  it('gives the job back without spending a delivery, and takes it again after the first retry delay, not at once', async () => {
    const queue = new InMemoryJobQueue<AnalysisJob>();
    await queue.send(job, { messageId: job.jobId });
    const log: Record<string, unknown>[] = [];
    const taken: number[] = [];
    const outcomes: JobOutcome[] = [
      { kind: 'retry', reason: 'storage could not be reached to write the results', fault: 'outage' },
      { kind: 'completed', resultBlob: 'results/s1/f1/analysis.json', event: 'raised' },
    ];
    const consumer = startConsumer({
      queue,
      handle: async () => (taken.push(performance.now()), outcomes.shift()!),
      concurrency: 1,
      lockSeconds: 30,
      maxDeliveries: 5,
      retry: { baseSeconds: 1, maxSeconds: 1 },
      pollSeconds: 0.05,
      log: (entry) => log.push(entry),
    });
    await expect.poll(() => taken.length, { timeout: 5_000, interval: 20 }).toBe(2);
    await consumer.stop(1_000);
    expect(taken[1]! - taken[0]!).toBeGreaterThan(900);
    expect(log.filter((e) => String(e.event).startsWith('job.')).map((e) => [e.event, e.delivery])).toEqual([
      ['job.retry', 1],
      ['job.completed', 1],
    ]);
    expect(queue.deadLettered).toEqual([]);
  });
});
