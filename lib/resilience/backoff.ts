/** The webhook delivery schedule's defaults: 30 s, 1 min, 2 min, … capped at 1 h. */
const DEFAULT_BACKOFF = { firstMs: 30_000, factor: 2, maxMs: 3_600_000 } as const;

export interface BackoffOptions {
  firstMs?: number;
  factor?: number;
  maxMs?: number;
}

/**
 * The one backoff: how long to wait after failed attempt number `attempt` (1-based) before the
 * next one: firstMs · factor^(attempt−1), at most maxMs. Deterministic and free of Node built-ins,
 * so orchestrator code (replayed, so it must compute the same timer every time) can use it as it
 * is; callers that want jitter (retry's full jitter) scale it themselves.
 */
export function nextRetryDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const { firstMs = DEFAULT_BACKOFF.firstMs, factor = DEFAULT_BACKOFF.factor, maxMs = DEFAULT_BACKOFF.maxMs } = options;
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`Attempt ${attempt} is not a whole number from 1`);
  if (!(firstMs >= 0 && factor >= 1 && maxMs >= firstMs)) throw new RangeError('Backoff needs firstMs ≥ 0, factor ≥ 1 and maxMs ≥ firstMs');
  // Grows by multiplication so a huge attempt number stops at the cap instead of reaching Infinity.
  let delay = firstMs;
  for (let n = 1; n < attempt && delay < maxMs; n++) delay *= factor;
  return Math.min(delay, maxMs);
}
