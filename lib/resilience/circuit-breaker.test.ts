import { describe, expect, it } from 'vitest';
import { CircuitBreaker, CircuitOpenError, type Verdict } from './circuit-breaker.js';

class Rejected extends Error {}

const setup = (judge?: (e: unknown) => Verdict) => {
  let t = 0;
  const breaker = new CircuitBreaker({ failureThreshold: 3, coolDownMs: 1000, now: () => t, judge });
  const clock = { advance: (ms: number) => (t += ms) };
  const calls = { n: 0 };
  const ok = () => breaker.run(async () => (calls.n++, 'ok'));
  const fail = () => breaker.run(async () => (calls.n++, Promise.reject(new Error('503')))).catch((e: unknown) => e);
  return { breaker, clock, calls, ok, fail };
};

describe('CircuitBreaker', () => {
  it('stays closed below the threshold; a success resets the count of consecutive failures', async () => {
    const { breaker, ok, fail } = setup();
    await fail();
    await fail();
    await ok();
    await fail();
    await fail();
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(2);
  });

  it('opens after N consecutive failures and then fails fast with a typed error, without calling', async () => {
    const { breaker, clock, calls, ok, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    expect(breaker.state).toBe('open');
    clock.advance(400);
    const error = await ok().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({ retryInMs: 600, consecutiveFailures: 3 });
    expect((error as CircuitOpenError).lastFailure).toEqual(new Error('503'));
    expect(calls.n).toBe(3);
  });

  it('half-opens after the cool-down: one trial goes through, closing the circuit when it succeeds', async () => {
    const { breaker, clock, calls, ok, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(1000);
    expect(breaker.state).toBe('half-open');
    await expect(ok()).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(breaker.consecutiveFailures).toBe(0);
    expect(calls.n).toBe(4);
  });

  it('lets only one trial through while it is in flight; the others fail fast', async () => {
    const { breaker, clock, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(1000);
    let finish!: (v: string) => void;
    const trial = breaker.run(() => new Promise<string>((r) => (finish = r)));
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(async () => 'other')).rejects.toMatchObject({ name: 'CircuitOpenError', retryInMs: 0 });
    finish('ok');
    await expect(trial).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('opens again, for a fresh cool-down, when the trial fails', async () => {
    const { breaker, clock, calls, ok, fail } = setup();
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(1000);
    await fail();
    expect(breaker.state).toBe('open');
    clock.advance(999);
    await expect(ok()).rejects.toBeInstanceOf(CircuitOpenError);
    clock.advance(1);
    await expect(ok()).resolves.toBe('ok');
    expect(calls.n).toBe(5);
  });

  it('counts what the judge calls success as the service being up, and ignores what it says to ignore', async () => {
    const { breaker, clock, ok, fail } = setup((e) =>
      e instanceof Rejected ? 'success' : e instanceof DOMException ? 'ignore' : 'failure',
    );
    await fail();
    await fail();
    await breaker.run(async () => Promise.reject(new Rejected('400'))).catch(() => {});
    expect(breaker.consecutiveFailures).toBe(0);

    for (let i = 0; i < 3; i++) await fail();
    clock.advance(1000);
    // An aborted trial says nothing about the service: the next call is the trial instead.
    await breaker.run(async () => Promise.reject(new DOMException('aborted', 'AbortError'))).catch(() => {});
    expect(breaker.state).toBe('half-open');
    await expect(ok()).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('a late failure of a call admitted before the circuit opened does not extend the cool-down', async () => {
    const { breaker, clock, fail } = setup();
    let failLate!: (e: Error) => void;
    const late = breaker.run(() => new Promise<never>((_, reject) => (failLate = reject))).catch(() => {});
    for (let i = 0; i < 3; i++) await fail();
    clock.advance(500);
    failLate(new Error('timeout'));
    await late;
    clock.advance(500);
    expect(breaker.state).toBe('half-open');
  });

  it('refuses a threshold below 1', () => {
    expect(() => new CircuitBreaker({ failureThreshold: 0, coolDownMs: 1 })).toThrow(RangeError);
  });
});
