export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
}

/**
 * Delay before the next attempt after `attempt` (1-based) failed: initialDelayMs × 2^(attempt-1),
 * ±20% jitter so many retries (event deliveries, crashed processes) do not come back in lockstep,
 * then capped. The platform's one back-off; `random` is injectable so tests can pin the jitter.
 */
export function retryDelayMs(attempt: number, options: BackoffOptions, random: () => number = Math.random): number {
  const base = options.initialDelayMs * 2 ** Math.max(0, attempt - 1);
  const jittered = base * (0.8 + 0.4 * random());
  return Math.round(Math.min(jittered, options.maxDelayMs));
}
