import type { RetryHint } from '../../lib/resilience/retry.js';

/**
 * One attempt that may succeed if tried again: 408, 429, 5xx, a network error or a timeout. Internal to the adapter:
 * retry and the circuit breaker count these; callers only ever see ClassifierUnavailable.
 */
export class TransientFailure extends Error implements RetryHint {
  override readonly name = 'TransientFailure';
  constructor(
    /** What happened, as it reads in "classifier at … answered 503 on 4 attempts": "answered 503", "timed out", "network error (ECONNRESET)". */
    readonly outcome: string,
    readonly retryAfter?: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(outcome, options);
  }
}
