import { setTimeout as delay } from 'node:timers/promises';
import { nextRetryDelayMs } from './backoff.js';
import { parseRetryAfter } from './retry-after.js';

/** How hard to try: at most `attempts` calls, and no new attempt or wait past `budgetMs` after the first call began. */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  budgetMs: number;
}

/** Time as retry sees it; tests inject a virtual one. */
export interface RetryClock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: RetryClock = {
  now: () => performance.now(),
  // timers/promises rejects with its own AbortError; callers expect the signal's reason, as everywhere else.
  sleep: (ms, signal) =>
    delay(ms, undefined, { signal }).catch((error: unknown) => {
      throw signal?.aborted ? signal.reason : error;
    }),
};

/**
 * A failure may say when to try again: `retryAfter` is a raw `Retry-After` header (seconds or HTTP-date),
 * `retryAfterMs` an exact wait (Azure's `retry-after-ms`). The exact one wins.
 */
export interface RetryHint {
  retryAfter?: string;
  retryAfterMs?: number;
}

export interface AttemptContext {
  /** 1 for the first call. */
  attempt: number;
  /** Budget left for this attempt: an attempt that runs longer overshoots the budget, so callers bound it by this. */
  remainingMs: number;
}

export interface RetryOptions extends RetryPolicy {
  /** Only these failures are tried again; any other is thrown at once, unwrapped. */
  retryable(error: unknown): boolean;
  signal?: AbortSignal;
  clock?: RetryClock;
  /** [0, 1); injected for deterministic tests. */
  random?: () => number;
}

/** Retrying stopped: `attempts` used up, or the `budget` would be overrun by the next wait. `cause` is the last failure. */
export class RetryExhausted extends Error {
  override readonly name = 'RetryExhausted';
  constructor(
    readonly reason: 'attempts' | 'budget',
    /** Every failure, in order. */
    readonly failures: unknown[],
    readonly elapsedMs: number,
    /** The wait the last failure asked for, when that is what overran the budget. */
    readonly requestedWaitMs?: number,
  ) {
    super(
      `gave up after ${failures.length} attempt(s) in ${Math.round(elapsedMs)} ms: ${reason === 'budget' ? 'retry budget spent' : 'no attempts left'}`,
      {
        cause: failures.at(-1),
      },
    );
  }
}

/**
 * "Full jitter" (AWS Architecture Blog, Exponential Backoff and Jitter) over the one backoff: uniform in
 * [0, min(max, base·2^(n-1))), so callers that failed together do not come back together.
 */
export function backoffDelay(failedAttempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const firstMs = Math.min(policy.baseDelayMs, policy.maxDelayMs);
  return random() * nextRetryDelayMs(failedAttempt, { firstMs, maxMs: policy.maxDelayMs });
}

/** Calls `fn` until it succeeds, fails for good, runs out of attempts or budget, or the signal aborts (rejects with its reason). */
export async function retry<T>(fn: (context: AttemptContext) => Promise<T>, options: RetryOptions): Promise<T> {
  const { clock = systemClock, random = Math.random, signal } = options;
  const started = clock.now();
  const elapsed = () => clock.now() - started;
  const failures: unknown[] = [];
  for (let attempt = 1; ; attempt++) {
    signal?.throwIfAborted();
    try {
      return await fn({ attempt, remainingMs: Math.max(0, options.budgetMs - elapsed()) });
    } catch (error) {
      // A caller who gave up is not a failure to retry, whatever the attempt threw.
      if (signal?.aborted || !options.retryable(error)) throw error;
      failures.push(error);
    }
    if (attempt >= options.attempts) throw new RetryExhausted('attempts', failures, elapsed());
    const hinted = hintedWait(failures.at(-1), clock.now());
    const wait = hinted ?? backoffDelay(attempt, options, random);
    // Waiting past the budget only delays the same answer: stop now.
    if (elapsed() + wait >= options.budgetMs) throw new RetryExhausted('budget', failures, elapsed(), hinted);
    await clock.sleep(wait, signal);
  }
}

function hintedWait(error: unknown, nowMs: number): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { retryAfter, retryAfterMs } = error as RetryHint;
  if (typeof retryAfterMs === 'number' && Number.isFinite(retryAfterMs) && retryAfterMs >= 0) return retryAfterMs;
  return typeof retryAfter === 'string' ? parseRetryAfter(retryAfter, nowMs) : undefined;
}
