export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a token is available; 0 when allowed. */
  retryAfterSeconds: number;
  /** Whole tokens left after this request. */
  remaining: number;
}

export interface RateLimiterOptions {
  /** Most keys tracked at once; the least recently used bucket goes first. */
  maxKeys?: number;
}

interface Bucket {
  /** Tokens in units of 1/60000 token, so that refill per millisecond is `perMinute` units: exact integers. */
  units: number;
  updatedAt: number;
  /** When the bucket will be full again, at which point it equals a fresh one and can go. */
  fullAt: number;
}

const UNITS_PER_TOKEN = 60_000;

/**
 * Token bucket per key (per API key on one instance): `perMinute` tokens a minute, holding at
 * most `burst`. Memory stays bounded: buckets that have refilled are dropped, and past
 * `maxKeys` the least recently used bucket is dropped (that key starts again full).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxKeys: number;

  constructor(
    private readonly now: () => number = () => performance.now(),
    options: RateLimiterOptions = {},
  ) {
    this.maxKeys = options.maxKeys ?? 10_000;
    if (!Number.isInteger(this.maxKeys) || this.maxKeys < 1) throw new RangeError('maxKeys must be a positive integer');
  }

  take(key: string, perMinute: number, burst: number = Math.max(1, perMinute)): RateDecision {
    if (!Number.isFinite(perMinute) || perMinute <= 0) throw new RangeError('perMinute must be a positive number');
    if (!Number.isFinite(burst) || burst < 1) throw new RangeError('burst must be at least 1');
    const now = this.now();
    this.evictRefilled(now);

    const capacity = Math.floor(burst) * UNITS_PER_TOKEN;
    const bucket = this.buckets.get(key);
    // A clock that steps back must not drain the bucket.
    const elapsed = bucket === undefined ? 0 : Math.max(0, now - bucket.updatedAt);
    let units = bucket === undefined ? capacity : Math.min(capacity, bucket.units + elapsed * perMinute);

    const allowed = units >= UNITS_PER_TOKEN;
    if (allowed) units -= UNITS_PER_TOKEN;
    // Re-inserting moves the key to the end of the Map's order: most recently used.
    this.buckets.delete(key);
    this.buckets.set(key, { units, updatedAt: now, fullAt: now + (capacity - units) / perMinute });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value as string);

    if (allowed) return { allowed, retryAfterSeconds: 0, remaining: Math.floor(units / UNITS_PER_TOKEN) };
    const waitMs = (UNITS_PER_TOKEN - units) / perMinute;
    return { allowed, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)), remaining: 0 };
  }

  /** Number of buckets held (for tests and metrics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Drops full buckets from the least recently used end; stops at the first one still refilling. */
  private evictRefilled(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.fullAt > now) return;
      this.buckets.delete(key);
    }
  }
}
