import { appendFileSync } from 'node:fs';
import { StorageQueueJobQueue } from '../adapters/job-queue/storage-queue-job-queue.js';
import { parentProcessJobWakeups } from '../adapters/job-wake/parent-process-job-wakeups.js';
import { stopOnSignals } from '../lib/process/stop-on-signals.js';
import { startConsumer } from '../workers/consumer/run-consumer.js';

/**
 * One benchmark worker process, started by the local container runner as npm start starts a worker: the worker's own
 * queue loop (startConsumer) on the real storage queue adapter, wired as workers/main.ts wires it (the runner's wakes
 * when PICKUP_WAKE=on), with a job handler that only notes when it got the job. It appends one JSON line per poll
 * of the queue and per job taken to PICKUP_LOG.
 */
const env = process.env as Record<string, string>;
const clock = () => performance.timeOrigin + performance.now();
const note = (entry: Record<string, unknown>) =>
  appendFileSync(env.PICKUP_LOG!, `${JSON.stringify({ worker: env.PICKUP_WORKER_ID, ...entry })}\n`);

const queue = new StorageQueueJobQueue<unknown>(env.AzureWebJobsStorage!, env.PICKUP_QUEUE!, {
  pollIntervalMs: 1000,
  // PICKUP_BACKOFF=off polls every second whatever happened, as before the wake (the bench's second baseline).
  ...(env.PICKUP_BACKOFF === 'off' && { busyPollIntervalMs: 1000 }),
  wakeups: env.PICKUP_WAKE === 'on' ? parentProcessJobWakeups() : undefined,
});
// Every request for messages is one poll: what an idle worker costs the storage account.
const receiveMessages = queue.queue.receiveMessages.bind(queue.queue);
queue.queue.receiveMessages = (options) => (note({ poll: clock() }), receiveMessages(options));

const consumer = startConsumer({
  queue,
  concurrency: 2,
  lockSeconds: 30,
  maxDeliveries: 5,
  retry: { baseSeconds: 1, maxSeconds: 1 },
  pollSeconds: 1,
  log: () => undefined,
  handle: async (job) => {
    note({ job: job.jobId, at: clock() });
    return { kind: 'dropped', reason: 'benchmark' };
  },
});
stopOnSignals(
  () => consumer.stop(1000),
  () => undefined,
);
console.log('PICKUP_READY {}');
