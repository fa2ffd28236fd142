import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limiter.js';

/** A clock the test moves by hand (milliseconds). */
function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

describe('RateLimiter', () => {
  it('lets a full burst through, then refuses with the time until the next token', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    // 60 a minute is one token a second; burst 3.
    expect(limiter.take('a', 60, 3)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2 });
    expect(limiter.take('a', 60, 3)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 1 });
    expect(limiter.take('a', 60, 3)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 0 });
    expect(limiter.take('a', 60, 3)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
  });

  it('refills at perMinute and never beyond the burst', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    for (let i = 0; i < 3; i++) limiter.take('a', 60, 3);
    time.advance(999);
    expect(limiter.take('a', 60, 3).allowed).toBe(false);
    time.advance(1);
    expect(limiter.take('a', 60, 3)).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 0 });
    time.advance(60 * 60_000);
    // An hour idle still only holds `burst` tokens.
    expect(limiter.take('a', 60, 3).remaining).toBe(2);
    expect(limiter.take('a', 60, 3).remaining).toBe(1);
    expect(limiter.take('a', 60, 3).remaining).toBe(0);
    expect(limiter.take('a', 60, 3).allowed).toBe(false);
  });

  it('rounds retry-after up to whole seconds, and a refusal does not spend anything', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    // 2 a minute: a token every 30 s; burst defaults to perMinute.
    expect(limiter.take('a', 2).remaining).toBe(1);
    expect(limiter.take('a', 2).remaining).toBe(0);
    expect(limiter.take('a', 2).retryAfterSeconds).toBe(30);
    time.advance(10_600);
    expect(limiter.take('a', 2).retryAfterSeconds).toBe(20); // 19.4 s left
    time.advance(19_300);
    expect(limiter.take('a', 2)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 }); // 0.1 s left
    time.advance(100);
    expect(limiter.take('a', 2).allowed).toBe(true);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter(clock().now);
    expect(limiter.take('a', 1).allowed).toBe(true);
    expect(limiter.take('a', 1).allowed).toBe(false);
    expect(limiter.take('b', 1).allowed).toBe(true);
  });

  it('does not drain or refill when the clock steps back', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    limiter.take('a', 60, 1);
    time.set(0);
    expect(limiter.take('a', 60, 1)).toEqual({ allowed: false, retryAfterSeconds: 1, remaining: 0 });
  });

  it('drops buckets once they have refilled, which changes nothing for their keys', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    limiter.take('a', 60, 5);
    limiter.take('b', 60, 5);
    expect(limiter.size).toBe(2);
    time.advance(1000); // one token back: both full again
    limiter.take('c', 60, 5);
    expect(limiter.size).toBe(1);
    expect(limiter.take('a', 60, 5).remaining).toBe(4);
  });

  it('keeps buckets that are still refilling', () => {
    const time = clock();
    const limiter = new RateLimiter(time.now);
    limiter.take('a', 60, 5);
    limiter.take('a', 60, 5);
    time.advance(1000); // one of two tokens back
    limiter.take('b', 60, 5);
    expect(limiter.size).toBe(2);
    expect(limiter.take('a', 60, 5).remaining).toBe(3);
  });

  it('caps the keys it holds, dropping the least recently used', () => {
    const limiter = new RateLimiter(clock().now, { maxKeys: 2 });
    limiter.take('a', 1);
    limiter.take('b', 1);
    limiter.take('a', 1); // refused, but touches a: b is now the oldest
    limiter.take('c', 1);
    expect(limiter.size).toBe(2);
    expect(limiter.take('a', 1).allowed).toBe(false); // a was kept
    expect(limiter.take('b', 1).allowed).toBe(true); // b was dropped and starts full
  });

  it('holds 10,000 keys by default', () => {
    const limiter = new RateLimiter(clock().now);
    for (let i = 0; i < 10_050; i++) limiter.take(`k${i}`, 1);
    expect(limiter.size).toBe(10_000);
    expect(limiter.take('k10049', 1).allowed).toBe(false);
    expect(limiter.take('k0', 1).allowed).toBe(true);
  });

  it('refuses nonsense limits', () => {
    const limiter = new RateLimiter(clock().now);
    expect(() => limiter.take('a', 0)).toThrow(RangeError);
    expect(() => limiter.take('a', Number.NaN)).toThrow(RangeError);
    expect(() => limiter.take('a', 10, 0)).toThrow(RangeError);
    expect(() => new RateLimiter(clock().now, { maxKeys: 0 })).toThrow(RangeError);
  });
});
