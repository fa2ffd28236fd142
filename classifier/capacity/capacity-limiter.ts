export interface CapacityOptions {
  /** Model runs at once. */
  concurrency: number;
  /** Admitted requests waiting for a run (reading their body, decoding, or queued for a model slot). */
  queue: number;
  /** Run time assumed until runs have been measured. */
  initialRunMs?: number;
  now?: () => number;
}

/** An admitted request's place. `run` takes a model slot in arrival order; `release` gives the place back however it ends. */
export interface Ticket {
  run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  release(): void;
}

/** How much newer run times count in the running average (exponentially weighted). */
const WEIGHT = 0.3;

/**
 * Bounds the work the service takes on: at most `concurrency` model runs at once and at most `queue` more admitted.
 * A request beyond that is not queued (a growing queue only turns overload into timeouts and memory): tryAdmit says
 * no at once, and retryAfterSeconds says when to come back, from the measured run time.
 */
export class CapacityLimiter {
  private admitted = 0;
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  private averageRunMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CapacityOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
    if (!Number.isInteger(options.queue) || options.queue < 0) throw new RangeError('queue must be a whole number ≥ 0');
    this.averageRunMs = options.initialRunMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  get running(): number {
    return this.active;
  }

  /** Admitted and not running. */
  get waiting(): number {
    return this.admitted - this.active;
  }

  get capacity(): { concurrency: number; queue: number } {
    return { concurrency: this.options.concurrency, queue: this.options.queue };
  }

  get runMs(): number {
    return this.averageRunMs;
  }

  tryAdmit(): Ticket | undefined {
    if (this.admitted >= this.options.concurrency + this.options.queue) return undefined;
    this.admitted++;
    let released = false;
    let running = false;
    const leave = () => {
      released = true;
      this.admitted--;
    };
    return {
      // A run cannot be stopped midway (the models are synchronous WebAssembly): its place is given back when it ends.
      release: () => {
        if (!released && !running) leave();
        else if (running) released = true;
      },
      run: async <T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
        if (released) throw new Error('this ticket was released');
        await this.takeSlot(signal);
        running = true;
        const started = this.now();
        try {
          return await work();
        } finally {
          this.averageRunMs = WEIGHT * (this.now() - started) + (1 - WEIGHT) * this.averageRunMs;
          running = false;
          this.freeSlot();
          if (released) this.admitted--;
        }
      },
    };
  }

  /**
   * Seconds until a request refused now would likely be admitted: the runs already waiting, and one more, at the
   * measured pace. Whole seconds, at least 1, as `Retry-After` carries them.
   */
  retryAfterSeconds(): number {
    const runs = this.waiting + 1;
    return Math.max(1, Math.ceil((runs * this.averageRunMs) / this.options.concurrency / 1000));
  }

  private takeSlot(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
    });
  }

  /** Hands the slot straight to the next in line, so a newcomer cannot overtake the queue. */
  private freeSlot(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}
