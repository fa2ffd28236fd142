/** The delivery schedule's defaults: 30 s, 1 min, 2 min, … capped at 1 h, for up to 24 h. */
export const DEFAULT_BACKOFF = { firstMs: 30_000, factor: 2, maxMs: 3_600_000, retryWindowMs: 86_400_000 } as const;

export interface BackoffOptions {
  firstMs?: number;
  factor?: number;
  maxMs?: number;
  /**
   * Spreads retries of many deliveries that failed together (one receiver outage) by up to
   * `jitterRatio` of the delay. Derived from this key, never from Math.random: the orchestrator
   * that calls this is replayed and must compute the same timer every time.
   */
  jitterKey?: string;
  /** 0 to 1; only used with jitterKey. */
  jitterRatio?: number;
}

/**
 * How long to wait after failed attempt number `attempt` (1-based) before the next one:
 * firstMs · factor^(attempt−1), at most maxMs, shortened by the jitter if a key is given. Pure,
 * so it is safe in orchestrator code.
 */
export function nextRetryDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const { firstMs = DEFAULT_BACKOFF.firstMs, factor = DEFAULT_BACKOFF.factor, maxMs = DEFAULT_BACKOFF.maxMs } = options;
  if (!Number.isSafeInteger(attempt) || attempt < 1) throw new RangeError(`Attempt ${attempt} is not a whole number from 1`);
  if (!(firstMs >= 0 && factor >= 1 && maxMs >= firstMs)) throw new RangeError('Backoff needs firstMs ≥ 0, factor ≥ 1 and maxMs ≥ firstMs');
  // Grows by multiplication so a huge attempt number stops at the cap instead of reaching Infinity.
  let delay = firstMs;
  for (let n = 1; n < attempt && delay < maxMs; n++) delay *= factor;
  delay = Math.min(delay, maxMs);
  if (options.jitterKey === undefined) return delay;
  const ratio = Math.min(Math.max(options.jitterRatio ?? 0.1, 0), 1);
  return Math.round(delay * (1 - ratio * unitHash(`${options.jitterKey}#${attempt}`)));
}

/** FNV-1a (32 bit) of the text as a fraction in [0, 1): deterministic, no Node built-ins. */
function unitHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash / 2 ** 32;
}
