import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureBlobStore } from '../../adapters/blob-store/azure-blob-store.js';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import { jobIdOf } from '../../contracts/ids.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { mediaKindOf, type MediaContentType } from '../../contracts/media.js';
import { startAzurite } from '@newsdesk/local-platform/azurite';
import type { LocalContainerRunner } from '@newsdesk/local-platform/containers';
import { localWorkerRunner } from '../../infra/stack/worker-runner.js';
import { startCallbackReceiver, type RaisedEvent } from './callback-receiver.js';
import { startImageAnalysisDouble } from './image-analysis-double/image-analysis-double.js';
import { ROOT } from './root.js';
import { until } from './until.js';

/** Settings for worker tests: short locks, few deliveries, a small classifier budget, so faults play out in seconds. */
const FAST_WORKER_ENV: Record<string, string> = {
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

/**
 * A pool of real worker processes (`dist/workers/main.js`, started by the local container runner with a
 * container's environment) on a work queue of its own, with the storage it reads originals from and
 * writes results to and the submissions table.
 */
function workerPool(storage: string, env: Record<string, string>) {
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
        callback: { instanceId, url: callbackUrl(instanceId), token: `test-token-for-${instanceId}` },
      };
    },
    send: (job: AnalysisJob) => queue.send(job, { messageId: job.jobId }),
    async stop() {
      await runner.stopAll();
      await queue.close();
    },
  };
}
export type WorkerPool = ReturnType<typeof workerPool>;

/**
 * Everything a worker suite runs against: Azurite, the Image Analysis double as the classifier,
 * a stand-in for the orchestration's raise-event endpoint (answering what `respond` says), and one
 * real worker process (`harness`) with the fast test settings. `pool(overrides)` starts no worker:
 * it gives another pool on the same storage, with the same settings but `overrides`, on its own queue.
 */
export async function startWorkerTestbed(respond?: (e: Omit<RaisedEvent, 'answered'>) => number) {
  const azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-worker-')) });
  const classifier = await startImageAnalysisDouble();
  const callbacks = await startCallbackReceiver(respond);
  const workerEnv = { NEWSDESK_CLASSIFIER_ENDPOINT: classifier.endpoint, NEWSDESK_CLASSIFIER_KEY: classifier.key, ...FAST_WORKER_ENV };
  const pool = (overrides: Record<string, string> = {}) => workerPool(azurite.connectionString, { ...workerEnv, ...overrides });
  const harness = pool();
  await harness.runner.start(1);
  await allRunning(harness.runner);
  return {
    azurite,
    classifier,
    callbacks,
    harness,
    pool,
    async stop() {
      await harness.stop();
      await callbacks.close();
      await classifier.close();
      await azurite.stop();
    },
  };
}
export type WorkerTestbed = Awaited<ReturnType<typeof startWorkerTestbed>>;
