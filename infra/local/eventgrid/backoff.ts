export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before the next attempt after `attempt` (1-based) failed: initialDelayMs × 2^(attempt-1),
 * ±20% jitter so retries of many events do not hit a recovering endpoint in lockstep, then capped.
 * `random` is injectable so tests can pin the jitter.
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = options.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(jittered, options.maxDelayMs));
}
