import { Semaphore } from '../../lib/resilience/semaphore.js';

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
 * Bounds the work the service takes on: at most `concurrency` model runs at once (the one concurrency limiter,
 * Semaphore) and at most `queue` more admitted. A request beyond that is not queued (a growing queue only turns
 * overload into timeouts and memory): tryAdmit says no at once, and retryAfterSeconds says when to come back, from
 * the measured run time.
 */
export class CapacityLimiter {
  private admitted = 0;
  private readonly slots: Semaphore;
  private averageRunMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CapacityOptions) {
    if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
    if (!Number.isInteger(options.queue) || options.queue < 0) throw new RangeError('queue must be a whole number ≥ 0');
    this.slots = new Semaphore(options.concurrency);
    this.averageRunMs = options.initialRunMs ?? 1000;
    this.now = options.now ?? (() => performance.now());
  }

  get running(): number {
    return this.slots.inUse;
  }

  /** Admitted and not running. */
  get waiting(): number {
    return this.admitted - this.slots.inUse;
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
        const freeSlot = await this.slots.acquire(signal);
        running = true;
        const started = this.now();
        try {
          return await work();
        } finally {
          this.averageRunMs = WEIGHT * (this.now() - started) + (1 - WEIGHT) * this.averageRunMs;
          running = false;
          freeSlot();
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
}
