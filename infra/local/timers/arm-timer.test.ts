import { describe, expect, it, vi } from 'vitest';
import { armTimer, MAX_TIMER_MS } from './arm-timer.js';

/** A manual clock: timers only run when the test advances time. */
function manualClock(startMs: number) {
  let nowMs = startMs;
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const delays: number[] = [];
  const unref = vi.fn();
  return {
    delays,
    unref,
    timers,
    now: () => new Date(nowMs),
    setTimer(fn: () => void, ms: number) {
      delays.push(ms);
      timers.set(++nextId, { at: nowMs + ms, fn });
      return { id: nextId, unref };
    },
    clearTimer(handle: unknown) {
      timers.delete((handle as { id: number }).id);
    },
    /** Fires due timers one at a time, moving the clock to each one's time. */
    advanceTo(ms: number) {
      for (;;) {
        const due = [...timers].filter(([, t]) => t.at <= ms).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = due[1].at;
        due[1].fn();
      }
      nowMs = ms;
    },
  };
}

describe('armTimer', () => {
  it('fires once at the instant, unref-ing its timer', () => {
    const clock = manualClock(0);
    const fn = vi.fn();
    armTimer(new Date(5_000), fn, clock);
    expect(clock.delays).toEqual([5_000]);
    clock.advanceTo(4_999);
    expect(fn).not.toHaveBeenCalled();
    clock.advanceTo(10_000);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(clock.unref).toHaveBeenCalled();
  });

  it('fires at once for an instant already passed', () => {
    const clock = manualClock(10_000);
    armTimer(new Date(1_000), () => undefined, clock);
    expect(clock.delays).toEqual([0]);
  });

  it('chains waits longer than setTimeout allows, never asking for more than 2^31-1 ms', () => {
    const clock = manualClock(0);
    const at = 3 * MAX_TIMER_MS + 5;
    const firedAt: number[] = [];
    armTimer(new Date(at), () => firedAt.push(clock.now().getTime()), clock);
    clock.advanceTo(at + 1_000);
    expect(firedAt).toEqual([at]);
    expect(clock.delays).toEqual([MAX_TIMER_MS, MAX_TIMER_MS, MAX_TIMER_MS, 5]);
  });

  it('re-reads the clock at each hop, so a clock that jumps ahead shortens the wait', () => {
    const clock = manualClock(0);
    const fn = vi.fn();
    armTimer(new Date(2 * MAX_TIMER_MS), fn, clock);
    clock.advanceTo(MAX_TIMER_MS);
    expect(clock.delays).toEqual([MAX_TIMER_MS, MAX_TIMER_MS]);
    expect(fn).not.toHaveBeenCalled();
    clock.advanceTo(2 * MAX_TIMER_MS);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('cancel() stops a chained wait midway', () => {
    const clock = manualClock(0);
    const fn = vi.fn();
    const armed = armTimer(new Date(2 * MAX_TIMER_MS + 10), fn, clock);
    clock.advanceTo(MAX_TIMER_MS + 1);
    armed.cancel();
    expect(clock.timers.size).toBe(0);
    clock.advanceTo(3 * MAX_TIMER_MS);
    expect(fn).not.toHaveBeenCalled();
  });
});
