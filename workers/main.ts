import { writeFileSync } from 'node:fs';
import { DefaultAzureCredential } from '@azure/identity';
import { serviceBusAccess, storageAccess } from '../adapters/azure-access/azure-access.js';
import { blobServiceOf, queueServiceOf, serviceBusClientOf } from '../adapters/azure-access/storage-clients.js';
import { ImageAnalysisClassifier } from '../adapters/classifier/image-analysis-classifier.js';
import { AzureBlobStore } from '../adapters/blob-store/azure-blob-store.js';
import { submissionStatusReader } from '../adapters/ingest-store/submission-status-reader.js';
import { TableWorkerHeartbeats } from '../adapters/worker-heartbeats/table-worker-heartbeats.js';
import type { JobQueue } from '../adapters/job-queue/job-queue.js';
import { ServiceBusJobQueue } from '../adapters/job-queue/service-bus-job-queue.js';
import { StorageQueueJobQueue } from '../adapters/job-queue/storage-queue-job-queue.js';
import { loadWorkerConfig } from './config.js';
import { startTelemetry } from '../adapters/telemetry/start-telemetry.js';
import { stopOnSignals } from '../lib/process/stop-on-signals.js';
import { startConsumer } from './consumer/run-consumer.js';
import { exitWhenIdle } from './consumer/exit-when-idle.js';
import { createAnalyzeMedia } from './job/create-analyze-media.js';
import { processJob } from './job/process-job.js';
import { detectGpu, resolveFfmpegTools } from './video/ffmpeg-tools.js';

// The worker container's entry point (`node dist/workers/main.js`): real clients are wired once, here.
const log = (entry: Record<string, unknown>) =>
  console.log(JSON.stringify({ at: new Date().toISOString(), worker: config.workerId, ...entry }));

const config = loadWorkerConfig(process.env);
/** How often the worker tells the desk it runs; the desk counts one silent for three periods as gone. */
const ANNOUNCE_EVERY_MS = 10_000;
const telemetry = await startTelemetry({ serviceName: 'newsdesk-worker', settings: config.telemetry });
const tools = resolveFfmpegTools(config.ffmpeg);
// 'auto' decodes on the GPU only when one is really there and this ffmpeg can use it; otherwise the CPU gives the same results.
const hwaccel = config.gpu === 'none' ? 'none' : config.gpu === 'cuda' || (await detectGpu(tools)) ? 'cuda' : 'none';

// Storage and Service Bus by connection string (npm start) or as the container's managed identity (Azure).
let azureCredential: DefaultAzureCredential | undefined;
const credential = () => (azureCredential ??= new DefaultAzureCredential());
const storage = storageAccess(config.storage, credential);
const blobs = new AzureBlobStore(blobServiceOf(storage));
// The submissions table, read only: the workers' identity may read it and create nothing (worker-roles.bicep).
const submissionStatus = submissionStatusReader(storage);
// The queue's own dead-lettering is the backstop; the consumer dead-letters with a reason first.
const queue: JobQueue<unknown> = config.queue.serviceBus
  ? new ServiceBusJobQueue(serviceBusClientOf(serviceBusAccess(config.queue.serviceBus, credential)), config.queue.name, {
      maxDeliveryCount: config.maxDeliveries + 1,
    })
  : new StorageQueueJobQueue(queueServiceOf(storage), config.queue.name, { maxDeliveryCount: config.maxDeliveries + 1 });
const classifier = config.classifier && new ImageAnalysisClassifier(config.classifier);

const analyzeMedia = createAnalyzeMedia({
  photo: config.photo,
  video: { ...config.video, maxPixels: config.photo.maxPixels },
  tools,
  hwaccel,
  classifier,
  features: config.classifier?.features ?? [],
  thresholds: config.summary,
  tempDir: config.tempDir,
});

const consumer = startConsumer({
  queue,
  concurrency: config.concurrency,
  lockSeconds: config.lockSeconds,
  maxDeliveries: config.maxDeliveries,
  retry: config.retry,
  pollSeconds: config.pollSeconds,
  log,
  heartbeat: config.heartbeatFile ? heartbeat(config.heartbeatFile) : undefined,
  circuit: classifier ? () => classifier.circuit : undefined,
  // Operations hear at once (the log, the desk's system page), not on the next heartbeat.
  onUnhealthy: () => void announce(),
  handle: (job, signal) =>
    processJob(
      job,
      {
        blobs,
        analyzeMedia,
        submissionCancelled: async (id) => (await submissionStatus(id)) === 'cancelled',
        worker: { id: config.workerId, hwaccel },
        summary: config.summary,
      },
      signal,
    ),
});

// The desk counts the workers whose heartbeat is recent (and reads the classifier's circuit from them): the same on
// one machine and on ACI, where a container group that exists may not be taking jobs yet.
const heartbeats = new TableWorkerHeartbeats(storage);
const announce = (): Promise<void> =>
  heartbeats
    .beat({
      workerId: config.workerId,
      lastSeenAt: new Date().toISOString(),
      classifierCircuit: classifier ? classifier.circuit : null,
      ...(consumer.problem() !== undefined && { problem: consumer.problem() }),
    })
    .catch((error: unknown) => log({ event: 'worker.announce-failed', reason: (error as Error).message }));
void announce();
const announcing = setInterval(() => void announce(), ANNOUNCE_EVERY_MS);
announcing.unref();

const shutdown = stopOnSignals(
  async (reason) => {
    log({ event: 'worker.stopping', reason, inFlight: consumer.inFlight() });
    clearInterval(announcing);
    await heartbeats.remove(config.workerId).catch(() => undefined);
    await consumer.stop(config.shutdownGraceMs);
    await queue.close();
    await telemetry.shutdown();
  },
  (error) => log({ event: 'worker.stop-failed', reason: error.message }),
);

// A job execution (Azure Container Apps) drains the queue, then ends: KEDA starts another when messages come back.
if (config.exitWhenIdleMs !== undefined) exitWhenIdle(consumer, config.exitWhenIdleMs, () => shutdown('idle'));

console.log(
  `WORKER_READY ${JSON.stringify({ workerId: config.workerId, hwaccel, concurrency: config.concurrency, classifier: config.classifier?.endpoint ?? null })}`,
);

/** Writes the heartbeat file at most every 10 s: the HEALTHCHECK allows two minutes. */
function heartbeat(path: string): () => void {
  let last = 0;
  return () => {
    if (Date.now() - last < 10_000) return;
    last = Date.now();
    try {
      writeFileSync(path, last.toString());
    } catch (error) {
      log({ event: 'worker.heartbeat-failed', reason: (error as Error).message });
    }
  };
}
