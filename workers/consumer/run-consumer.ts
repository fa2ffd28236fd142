import type { JobQueue, ReceivedJob } from '../../adapters/job-queue/job-queue.js';
import { analysisJob, type AnalysisJob } from '../../contracts/job.js';
import { failureOf } from '../job/failure-reason.js';
import type { JobOutcome } from '../job/process-job.js';
import { retryDelaySeconds } from './retry-delay.js';

export interface ConsumerOptions {
  queue: JobQueue<unknown>;
  handle(job: AnalysisJob, signal: AbortSignal): Promise<JobOutcome>;
  /** Jobs worked on at once by this worker. */
  concurrency: number;
  /** Lock (visibility) per receive; renewed every third of it while a job runs. */
  lockSeconds: number;
  /** Deliveries of a job that keeps failing in a way that may recover before it is dead-lettered with its reason. */
  maxDeliveries: number;
  retry: { baseSeconds: number; maxSeconds: number };
  /** How long one receive waits on an empty queue. */
  pollSeconds: number;
  log(entry: Record<string, unknown>): void;
  /** Called on every pass of the receive loop: proof of life for a container health check. */
  heartbeat?(): void;
}

export interface Consumer {
  inFlight(): number;
  /** Stops taking jobs; lets running ones finish for `graceMs`, then aborts them and gives them back to the queue. */
  stop(graceMs: number): Promise<void>;
}

/**
 * The worker's queue loop: takes as many jobs as it has free slots, keeps their locks while they
 * run (a long video outlives one lock), and settles each exactly once — complete when reported
 * or dropped, abandon with a growing delay when it may recover, dead-letter after the last try.
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  let accepting = true;
  let wake: (() => void) | undefined;

  const settle = async (received: ReceivedJob<unknown>, outcome: JobOutcome) => {
    if (outcome.kind !== 'retry') return received.complete();
    if (abort.signal.aborted) return received.abandon(0);
    if (received.deliveryCount >= options.maxDeliveries) {
      return received.deadLetter(`gave up after ${received.deliveryCount} deliveries: ${outcome.reason}`);
    }
    return received.abandon(retryDelaySeconds(received.deliveryCount, options.retry.baseSeconds, options.retry.maxSeconds));
  };

  const work = async (received: ReceivedJob<unknown>) => {
    const parsed = analysisJob.safeParse(received.body);
    if (!parsed.success) {
      options.log({ event: 'job.invalid', messageId: received.messageId, reason: parsed.error.message });
      return received.deadLetter(`invalid analysis job: ${parsed.error.message.slice(0, 500)}`);
    }
    const job = parsed.data;
    const started = performance.now();
    const renewal = setInterval(
      () =>
        void received.renewLock().catch((error: Error) => options.log({ event: 'job.lock-lost', jobId: job.jobId, reason: error.message })),
      (options.lockSeconds * 1000) / 3,
    );
    let outcome: JobOutcome;
    try {
      outcome = await options.handle(job, abort.signal);
    } catch (error) {
      outcome = { kind: 'retry', reason: failureOf(error).reason };
    } finally {
      clearInterval(renewal);
    }
    await settle(received, outcome);
    options.log({
      event: `job.${outcome.kind}`,
      jobId: job.jobId,
      delivery: received.deliveryCount,
      ms: Math.round(performance.now() - started),
      ...detail(outcome),
    });
  };

  const track = (received: ReceivedJob<unknown>) => {
    const p: Promise<void> = work(received)
      .catch((error: Error) => options.log({ event: 'job.settle-failed', messageId: received.messageId, reason: error.message }))
      .finally(() => {
        running.delete(p);
        wake?.();
      });
    running.add(p);
  };

  const loop = (async () => {
    while (accepting) {
      options.heartbeat?.();
      const free = options.concurrency - running.size;
      if (free <= 0) {
        await new Promise<void>((r) => (wake = r));
        continue;
      }
      let batch: ReceivedJob<unknown>[];
      try {
        batch = await options.queue.receive({ max: free, lockSeconds: options.lockSeconds, waitSeconds: options.pollSeconds });
      } catch (error) {
        options.log({ event: 'queue.receive-failed', reason: (error as Error).message });
        await new Promise((r) => setTimeout(r, 1000));
        continue;
      }
      // Taken after stop() was called: give it straight back for another worker.
      if (!accepting) await Promise.all(batch.map((r) => r.abandon(0).catch(() => undefined)));
      else batch.forEach(track);
    }
  })();

  return {
    inFlight: () => running.size,
    async stop(graceMs) {
      accepting = false;
      wake?.();
      await loop;
      const finished = Promise.all(running);
      const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref());
      if ((await Promise.race([finished, timer])) === 'timeout') {
        options.log({ event: 'worker.aborting', inFlight: running.size });
        abort.abort(new Error('the worker is shutting down'));
        await finished;
      }
    },
  };
}

function detail(outcome: JobOutcome): Record<string, unknown> {
  if (outcome.kind === 'completed') return { resultBlob: outcome.resultBlob, callback: outcome.event };
  if (outcome.kind === 'failed') return { reason: outcome.reason, callback: outcome.event };
  return { reason: outcome.reason };
}
