import { describe, expect, it } from 'vitest';
import { backoffDelay, retry, RetryExhausted, type RetryClock, type RetryOptions } from './retry.js';

/** Virtual time: sleeping moves the clock on at once, so no test waits. */
class VirtualClock implements RetryClock {
  t = 0;
  readonly sleeps: number[] = [];
  now = () => this.t;
  sleep = async (ms: number, signal?: AbortSignal) => {
    signal?.throwIfAborted();
    this.sleeps.push(ms);
    this.t += ms;
  };
}

class Transient extends Error {
  constructor(
    readonly retryAfter?: string,
    readonly retryAfterMs?: number,
  ) {
    super('503');
  }
}

const setup = (overrides: Partial<RetryOptions> = {}) => {
  const clock = new VirtualClock();
  const options: RetryOptions = {
    attempts: 5,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    budgetMs: 60_000,
    retryable: (e) => e instanceof Transient,
    clock,
    random: () => 0.5,
    ...overrides,
  };
  return { clock, options };
};

/** A call that fails `n` times with `make()`, then answers 'ok'. */
const failing = (n: number, make: () => Error = () => new Transient()) => {
  let calls = 0;
  const fn = async () => {
    calls++;
    if (calls <= n) throw make();
    return 'ok';
  };
  return { fn, calls: () => calls };
};

describe('backoffDelay', () => {
  it('is full jitter: uniform below base·2^(n-1), capped at the maximum', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, policy, () => 0.999_999))).toEqual(
      [100, 200, 400, 800, 1000, 1000].map((ceiling) => expect.closeTo(ceiling, 2)),
    );
    expect(backoffDelay(3, policy, () => 0)).toBe(0);
    expect(backoffDelay(3, policy, () => 0.25)).toBe(100);
  });
});

describe('retry', () => {
  it('returns the first success, waiting a jittered backoff between attempts', async () => {
    const { clock, options } = setup();
    const call = failing(3);
    await expect(retry(call.fn, options)).resolves.toBe('ok');
    expect(call.calls()).toBe(4);
    expect(clock.sleeps).toEqual([50, 100, 200]);
  });

  it('throws a failure that is not retryable at once, unwrapped', async () => {
    const { clock, options } = setup();
    const refused = new Error('400 InvalidImageFormat');
    const call = failing(5, () => refused);
    await expect(retry(call.fn, options)).rejects.toBe(refused);
    expect(call.calls()).toBe(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops after the last attempt with RetryExhausted(attempts), every failure kept, the last as cause', async () => {
    const { options } = setup({ attempts: 3 });
    const call = failing(10);
    const error = await retry(call.fn, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryExhausted);
    expect(error).toMatchObject({ reason: 'attempts', elapsedMs: 150 });
    expect((error as RetryExhausted).failures).toHaveLength(3);
    expect((error as RetryExhausted).cause).toBe((error as RetryExhausted).failures[2]);
    expect(call.calls()).toBe(3);
  });

  it('stops when the next wait would overrun the total budget, counting the time the attempts took', async () => {
    const { clock, options } = setup({ attempts: 100, budgetMs: 1000, random: () => 1 });
    let calls = 0;
    const error = await retry(async () => {
      calls++;
      clock.t += 100; // each attempt takes 100 ms
      throw new Transient();
    }, options).catch((e: unknown) => e);
    // 100 + 100 (wait) + 100 + 200 + 100 + 400 = 1000: the next wait (800) would pass the budget.
    expect(error).toMatchObject({ reason: 'budget' });
    expect(calls).toBe(3);
    expect(clock.sleeps).toEqual([100, 200]);
    expect(clock.t).toBeLessThanOrEqual(1000);
  });

  it('tells each attempt the budget left, so it can bound its own timeout', async () => {
    const { clock, options } = setup({ budgetMs: 1000, random: () => 1 });
    const seen: [number, number][] = [];
    await retry(async ({ attempt, remainingMs }) => {
      seen.push([attempt, remainingMs]);
      clock.t += 200;
      if (attempt < 3) throw new Transient();
      return 'ok';
    }, options);
    expect(seen).toEqual([
      [1, 1000],
      [2, 700],
      [3, 300],
    ]);
  });

  it('waits what Retry-After says (delay-seconds) instead of the backoff', async () => {
    const { clock, options } = setup();
    await retry(failing(1, () => new Transient('2')).fn, options);
    expect(clock.sleeps).toEqual([2000]);
  });

  it('waits until a Retry-After HTTP-date', async () => {
    const { clock, options } = setup();
    clock.t = Date.parse('Wed, 21 Oct 2015 07:28:00 GMT');
    await retry(failing(1, () => new Transient('Wed, 21 Oct 2015 07:28:03 GMT')).fn, options);
    expect(clock.sleeps).toEqual([3000]);
  });

  it('prefers an exact retry-after-ms to Retry-After', async () => {
    const { clock, options } = setup();
    await retry(failing(1, () => new Transient('5', 1250)).fn, options);
    expect(clock.sleeps).toEqual([1250]);
  });

  it('falls back to the backoff when Retry-After cannot be read', async () => {
    const { clock, options } = setup();
    await retry(failing(1, () => new Transient('soon')).fn, options);
    expect(clock.sleeps).toEqual([50]);
  });

  it('gives up at once when Retry-After asks for more than the budget has left, and says what was asked', async () => {
    const { clock, options } = setup({ budgetMs: 2000 });
    const error = await retry(failing(5, () => new Transient('30')).fn, options).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'budget', requestedWaitMs: 30_000 });
    expect(clock.sleeps).toEqual([]);
  });

  it('rejects with the reason of an already aborted signal without calling', async () => {
    const { options } = setup();
    const call = failing(0);
    const reason = new Error('job cancelled');
    await expect(retry(call.fn, { ...options, signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(call.calls()).toBe(0);
  });

  it('does not retry once the caller aborted during an attempt, and stops a wait when aborted', async () => {
    const controller = new AbortController();
    const { options } = setup({ signal: controller.signal });
    let calls = 0;
    const error = await retry(async () => {
      calls++;
      controller.abort(new Error('job cancelled'));
      throw new Transient();
    }, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Transient);
    expect(calls).toBe(1);

    // With real time: the abort ends the backoff wait.
    const waiting = new AbortController();
    const started = performance.now();
    const pending = retry(failing(5).fn, { ...options, clock: undefined, baseDelayMs: 10_000, maxDelayMs: 10_000, signal: waiting.signal });
    setTimeout(() => waiting.abort(new Error('shutting down')), 20);
    await expect(pending).rejects.toThrow('shutting down');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
