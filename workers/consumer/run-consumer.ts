import type { JobQueue, ReceivedJob } from '../../adapters/job-queue/job-queue.js';
import type { CircuitState } from '../../lib/resilience/circuit-breaker.js';
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
  /** Called on every pass of the receive loop while the worker is healthy: proof of life for a container health check. */
  heartbeat?(): void;
  /**
   * The classifier's circuit as this worker's breaker sees it. Open: the worker takes no jobs; half-open: one at a
   * time, whose call is the trial; closed again: all its slots. Until its deadline, a job that fails while the
   * circuit is not closed is given back without spending its delivery budget: an outage is not the job's fault.
   */
  circuit?(): CircuitState;
  /** Called once when the worker finds it cannot work (a tool it cannot start): it takes no more jobs from then on. */
  onUnhealthy?(problem: string): void;
}

export interface Consumer {
  inFlight(): number;
  /** How long the worker has had nothing to do: no job in hand, and every receive since the last one came back empty. */
  idleForMs(): number;
  /** Why this worker takes no jobs any more; undefined while it is healthy. */
  problem(): string | undefined;
  /** Stops taking jobs; lets running ones finish for `graceMs`, then aborts them and gives them back to the queue. */
  stop(graceMs: number): Promise<void>;
}

/**
 * The worker's queue loop: takes as many jobs as it has free slots, keeps their locks while they
 * run (a long video outlives one lock), and settles each exactly once — complete when reported
 * or dropped, abandon with a growing delay when it may recover, dead-letter after the last try, and
 * defer (no delivery spent) when it was not tried on its merits: the worker is stopping or broken, or
 * the classifier is down for everyone.
 */
export function startConsumer(options: ConsumerOptions): Consumer {
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  let accepting = true;
  let problem: string | undefined;
  let wake: (() => void) | undefined;
  const circuit = () => options.circuit?.() ?? 'closed';
  const slots = () => {
    if (problem !== undefined) return 0;
    const state = circuit();
    return state === 'closed' ? options.concurrency : state === 'half-open' ? 1 : 0;
  };
  let paused = false;
  let lastBusyAt = performance.now();

  const unhealthy = (reason: string) => {
    if (problem !== undefined) return;
    problem = reason;
    options.log({ event: 'worker.unhealthy', reason });
    options.onUnhealthy?.(reason);
  };

  const notTheJobsFault = (job: AnalysisJob, outcome: Extract<JobOutcome, { kind: 'retry' }>) => {
    if (abort.signal.aborted || outcome.fault === 'worker') return true;
    // Past its deadline the job has been escalated: from then on it spends its budget, so one whose image keeps
    // failing the classifier for everyone cannot circulate for ever.
    return (outcome.fault === 'outage' || circuit() !== 'closed') && Date.parse(job.deadline) > Date.now();
  };

  const settle = async (received: ReceivedJob<unknown>, job: AnalysisJob, outcome: JobOutcome) => {
    if (outcome.kind !== 'retry') return received.complete();
    if (outcome.fault === 'worker') unhealthy(outcome.reason);
    // Another worker (or this one, once the classifier is back) takes it straight away; but a job that met a storage
    // outage while the classifier's circuit is closed would come straight back to fail the same way, as fast as the
    // queue can hand it out: it waits the first retry delay, still without spending a delivery.
    if (notTheJobsFault(job, outcome)) {
      return received.defer(outcome.fault === 'outage' && circuit() === 'closed' ? options.retry.baseSeconds : 0);
    }
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
      const { reason, fault } = failureOf(error);
      outcome = { kind: 'retry', reason, ...(fault && { fault }) };
    } finally {
      clearInterval(renewal);
    }
    // Logged before it is settled: when the queue is down too, settling fails (job.settle-failed), and the log must
    // still say how the job ended and why.
    options.log({
      event: `job.${outcome.kind}`,
      jobId: job.jobId,
      delivery: received.deliveryCount,
      ms: Math.round(performance.now() - started),
      ...detail(outcome),
    });
    await settle(received, job, outcome);
  };

  const track = (received: ReceivedJob<unknown>) => {
    const p: Promise<void> = work(received)
      .catch((error: Error) => options.log({ event: 'job.settle-failed', messageId: received.messageId, reason: error.message }))
      .finally(() => {
        running.delete(p);
        lastBusyAt = performance.now();
        wake?.();
      });
    running.add(p);
  };

  const loop = (async () => {
    while (accepting) {
      if (problem === undefined) options.heartbeat?.();
      const limit = slots();
      if ((limit === 0) !== paused) {
        paused = limit === 0;
        options.log({ event: paused ? 'worker.paused' : 'worker.resumed', reason: problem ?? `classifier circuit ${circuit()}` });
      }
      const free = limit - running.size;
      if (free <= 0) {
        // A job ending frees a slot; time alone turns an open circuit half-open.
        await new Promise<void>((r) => {
          wake = r;
          if (limit < options.concurrency) setTimeout(r, options.pollSeconds * 1000);
        });
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
      if (!accepting) await Promise.all(batch.map((r) => r.defer(0).catch(() => undefined)));
      else batch.forEach(track);
      if (batch.length > 0) lastBusyAt = performance.now();
    }
  })();

  return {
    inFlight: () => running.size,
    idleForMs: () => (running.size > 0 ? 0 : performance.now() - lastBusyAt),
    problem: () => problem,
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
