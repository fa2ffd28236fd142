/** setTimeout's delay is a signed 32-bit ms count; longer delays fire at once, so chain. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface TimerClock {
  now(): Date;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/**
 * Calls `fn` once at the instant `at` (at once if it has passed). Waits longer than
 * setTimeout allows are split into chained timers that re-read the clock at each hop.
 * Timers are unref'd: a pending schedule alone should not keep the process alive.
 */
export function armTimer(at: Date, fn: () => void, clock: TimerClock): { cancel(): void } {
  let handle: unknown;
  let cancelled = false;
  const hop = (): void => {
    if (cancelled) return;
    const delay = at.getTime() - clock.now().getTime();
    handle =
      delay > MAX_TIMER_MS
        ? clock.setTimer(hop, MAX_TIMER_MS)
        : clock.setTimer(
            () => {
              if (!cancelled) fn();
            },
            Math.max(0, delay),
          );
    (handle as { unref?: () => void } | undefined)?.unref?.();
  };
  hop();
  return {
    cancel() {
      cancelled = true;
      if (handle !== undefined) clock.clearTimer(handle);
    },
  };
}
