import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Readable } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../adapters/blob-store/azure-blob-store.js';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import { jobIdOf, type AnalysisJob } from '../../contracts/job.js';
import { mediaKindOf, type MediaContentType } from '../../contracts/media.js';
import type { LocalContainerRunner } from '@newsdesk/local-platform/containers';
import { localWorkerRunner } from '../../infra/stack/worker-runner.js';

export const ROOT = resolve(import.meta.dirname, '../..');

/**
 * What a worker test needs around the real worker processes: the storage it reads originals from
 * and writes results to, the work queue, the submissions table, and the local container runner
 * that starts `dist/workers/main.js` with a container's environment.
 */
export function workerHarness(storage: string, env: Record<string, string>) {
  const queueName = `jobs-${randomUUID().slice(0, 8)}`;
  const blobs = new AzureBlobStore(BlobServiceClient.fromConnectionString(storage));
  const queue = new StorageQueueJobQueue<unknown>(storage, queueName, { pollIntervalMs: 100 });
  const runner = localWorkerRunner({
    root: ROOT,
    env: { ...process.env, AzureWebJobsStorage: storage, NEWSDESK_WORK_QUEUE: queueName, ...env },
    stopTimeoutMs: 15_000,
  });
  return {
    queueName,
    blobs,
    queue,
    runner,
    submissions: new TableIngestStore(storage),
    /** Uploads `bytes` as a submission's original and builds the job the orchestration would enqueue. */
    async job(
      bytes: Buffer,
      contentType: MediaContentType,
      callbackUrl: (instanceId: string) => string,
      ids: { submissionId?: string; fileId?: string } = {},
    ): Promise<AnalysisJob> {
      const submissionId = ids.submissionId ?? `sub-${randomUUID().slice(0, 8)}`;
      const fileId = ids.fileId ?? `f-${randomUUID().slice(0, 8)}`;
      const blob = `incoming/${submissionId}/${fileId}`;
      await blobs.upload(blob, Readable.from([bytes]), { contentType });
      const instanceId = jobIdOf(submissionId, fileId);
      return {
        jobId: instanceId,
        submissionId,
        fileId,
        blob,
        blobUrl: await blobs.readUrl(blob, new Date(Date.now() + 3_600_000)),
        mediaType: mediaKindOf(contentType),
        contentType,
        deadline: new Date(Date.now() + 600_000).toISOString(),
        callback: { instanceId, url: callbackUrl(instanceId) },
      };
    },
    send: (job: AnalysisJob) => queue.send(job, { messageId: job.jobId }),
    async stop() {
      await runner.stopAll();
      await queue.close();
    },
  };
}

export async function until<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Settings for worker tests: short locks, few deliveries, a small classifier budget, so faults play out in seconds. */
export const FAST_WORKER_ENV: Record<string, string> = {
  NEWSDESK_CLASSIFIER_ATTEMPTS: '3',
  NEWSDESK_CLASSIFIER_RETRY_BUDGET: 'PT1S',
  NEWSDESK_CLASSIFIER_TIMEOUT: 'PT10S',
  NEWSDESK_CLASSIFIER_BREAKER_THRESHOLD: '100',
  NEWSDESK_WORKER_CONCURRENCY: '2',
  NEWSDESK_WORKER_LOCK: 'PT3S',
  NEWSDESK_WORKER_MAX_DELIVERIES: '3',
  NEWSDESK_WORKER_RETRY_DELAY: 'PT1S',
  NEWSDESK_WORKER_RETRY_MAX_DELAY: 'PT1S',
  NEWSDESK_WORKER_POLL: 'PT0.2S',
  NEWSDESK_WORKER_SHUTDOWN_GRACE: 'PT10S',
};

/** Resolves once every worker the runner lists is ready. */
export const allRunning = (runner: LocalContainerRunner) =>
  until(async () => (await runner.list()).every((w) => w.state === 'running') || undefined, 30_000, 'the workers to be ready');
