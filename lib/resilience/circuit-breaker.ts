export type CircuitState = 'closed' | 'open' | 'half-open';

/** How a call's error counts: against the service, for it (it answered, e.g. a 4xx), or not at all (the caller aborted). */
export type Verdict = 'failure' | 'success' | 'ignore';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long an open circuit fails fast before it lets one trial call through. */
  coolDownMs: number;
  now?: () => number;
  /** Default: every error is a failure. */
  judge?: (error: unknown) => Verdict;
}

/** The circuit is open: the call was not made. */
export class CircuitOpenError extends Error {
  override readonly name = 'CircuitOpenError';
  constructor(
    /** Until the next trial call may go through; 0 while a trial is in flight. */
    readonly retryInMs: number,
    readonly consecutiveFailures: number,
    /** The failure that opened the circuit (or re-opened it after a failed trial). */
    readonly lastFailure: unknown,
  ) {
    super(`circuit open after ${consecutiveFailures} consecutive failure(s); next trial in ${Math.ceil(retryInMs)} ms`);
  }
}

/**
 * closed → open after `failureThreshold` consecutive failures → half-open once `coolDownMs` has passed, when exactly
 * one trial call goes through (others still fail fast) → closed when it succeeds, open again (new cool-down) when it fails.
 */
export class CircuitBreaker {
  private open = false;
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private lastFailure: unknown;
  private readonly now: () => number;
  private readonly judge: (error: unknown) => Verdict;

  constructor(private readonly options: CircuitBreakerOptions) {
    if (!Number.isInteger(options.failureThreshold) || options.failureThreshold < 1) {
      throw new RangeError(`failureThreshold must be a whole number of at least 1, not ${options.failureThreshold}`);
    }
    this.now = options.now ?? (() => performance.now());
    this.judge = options.judge ?? (() => 'failure');
  }

  get state(): CircuitState {
    if (!this.open) return 'closed';
    return this.trialInFlight || this.coolDownLeft() === 0 ? 'half-open' : 'open';
  }

  get consecutiveFailures(): number {
    return this.failures;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const trial = this.admit();
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.settle(this.judge(error), trial, error);
      throw error;
    }
    this.settle('success', trial);
    return result;
  }

  /** Throws when the call may not go through; true when it is the half-open trial. */
  private admit(): boolean {
    if (!this.open) return false;
    const left = this.coolDownLeft();
    if (left > 0 || this.trialInFlight) throw new CircuitOpenError(this.trialInFlight ? 0 : left, this.failures, this.lastFailure);
    this.trialInFlight = true;
    return true;
  }

  private settle(verdict: Verdict, trial: boolean, error?: unknown): void {
    if (trial) this.trialInFlight = false;
    if (verdict === 'success') {
      this.open = false;
      this.failures = 0;
    } else if (verdict === 'failure') {
      this.failures++;
      this.lastFailure = error;
      // A late failure of a call admitted before the circuit opened does not push the cool-down back.
      if (trial || (!this.open && this.failures >= this.options.failureThreshold)) {
        this.open = true;
        this.openedAt = this.now();
      }
    }
    // 'ignore' leaves the state as it was; an ignored trial frees the way for the next one.
  }

  private coolDownLeft(): number {
    return Math.max(0, this.openedAt + this.options.coolDownMs - this.now());
  }
}
