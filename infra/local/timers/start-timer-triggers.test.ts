import { describe, expect, it, vi } from 'vitest';
import { MAX_TIMER_MS } from './arm-timer.js';
import { NEVER } from './check-past-due.js';
import { startTimerTriggers, type TimerRegistration, type TimerTriggerOptions } from './start-timer-triggers.js';
import type { TimerStatus } from './types.js';

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Injected clock + timers: time only moves when the test advances it. */
function fakeClock(startIso: string) {
  let nowMs = Date.parse(startIso);
  let nextId = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const delays: number[] = [];
  return {
    delays,
    pending: () => timers.size,
    now: () => new Date(nowMs),
    setTimer: (fn: () => void, ms: number) => {
      delays.push(ms);
      timers.set(++nextId, { at: nowMs + ms, fn });
      return { id: nextId, unref: () => undefined };
    },
    clearTimer: (handle: { id: number }) => void timers.delete(handle.id),
    /**
     * Fires every timer due up to `iso` in time order, letting promises settle in between.
     * `lateMs` makes each one fire that much after its time, like a blocked event loop.
     */
    async advanceTo(iso: string, lateMs = 0) {
      const target = Date.parse(iso);
      for (;;) {
        await settle();
        const due = [...timers].filter(([, t]) => t.at <= target).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        timers.delete(due[0]);
        nowMs = Math.max(nowMs, due[1].at + lateMs);
        due[1].fn();
      }
      nowMs = Math.max(nowMs, target);
      await settle();
    },
  };
}

interface Call {
  name: string;
  at: string;
  payload: Record<string, unknown>;
}

function setup(registrations: TimerRegistration[], startIso: string, extra: Partial<TimerTriggerOptions> = {}) {
  const clock = fakeClock(startIso);
  const calls: Call[] = [];
  const logger = { info: vi.fn(), error: vi.fn() };
  const invoke = vi.fn(async (name: string, payload: unknown) => {
    calls.push({
      name,
      at: clock.now().toISOString(),
      payload: payload as Record<string, unknown>,
    });
  });
  const options: TimerTriggerOptions = {
    registrations,
    invoke,
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    logger,
    ...extra,
  };
  return { clock, calls, logger, invoke, options, start: () => startTimerTriggers(options) };
}

function memoryStore(initial: Record<string, TimerStatus> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    get: vi.fn((name: string) => data.get(name)),
    set: vi.fn((name: string, s: TimerStatus) => void data.set(name, { ...s })),
  };
}

describe('startTimerTriggers', () => {
  it('fires at each occurrence with the host payload, without ScheduleStatus when unmonitored', async () => {
    const t = setup([{ name: 'sweep', schedule: '0 */5 * * * *', useMonitor: false }], '2024-05-01T10:02:30.000Z');
    t.start();
    await t.clock.advanceTo('2024-05-01T10:16:00.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T10:05:00.000Z', '2024-05-01T10:10:00.000Z', '2024-05-01T10:15:00.000Z']);
    expect(t.calls[0]?.name).toBe('sweep');
    expect(t.calls[0]?.payload).toStrictEqual({
      Schedule: { AdjustForDST: true },
      IsPastDue: false,
    });
  });

  it('passes and updates ScheduleStatus for a monitored timer', async () => {
    const store = memoryStore();
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *' }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    // First start records the next occurrence so a later restart can detect a miss.
    expect(store.data.get('hourly')).toEqual({
      last: NEVER,
      next: '2024-05-01T10:00:00.000Z',
      lastUpdated: '2024-05-01T09:30:00.000Z',
    });
    await t.clock.advanceTo('2024-05-01T11:00:00.000Z');
    expect(t.calls.map((c) => c.payload)).toStrictEqual([
      {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: {
          Last: NEVER,
          Next: '2024-05-01T10:00:00.000Z',
          LastUpdated: '2024-05-01T09:30:00.000Z',
        },
        IsPastDue: false,
      },
      {
        Schedule: { AdjustForDST: true },
        ScheduleStatus: {
          Last: '2024-05-01T10:00:00.000Z',
          Next: '2024-05-01T11:00:00.000Z',
          LastUpdated: '2024-05-01T10:00:00.000Z',
        },
        IsPastDue: false,
      },
    ]);
    expect(store.data.get('hourly')).toEqual({
      last: '2024-05-01T11:00:00.000Z',
      next: '2024-05-01T12:00:00.000Z',
      lastUpdated: '2024-05-01T11:00:00.000Z',
    });
  });

  it('never overlaps a run with itself: an occurrence during a run is skipped', async () => {
    const t = setup([{ name: 'slow', schedule: '0 * * * * *', useMonitor: false }], '2024-05-01T10:00:30.000Z');
    let finish: () => void = () => undefined;
    t.invoke.mockImplementationOnce(async (name, payload) => {
      t.calls.push({
        name,
        at: t.clock.now().toISOString(),
        payload: payload as Record<string, unknown>,
      });
      await new Promise<void>((resolve) => (finish = resolve));
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T10:02:30.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T10:01:00.000Z']);
    expect(t.logger.info).toHaveBeenCalledWith("Timer function 'slow' skipped 2024-05-01T10:02:00.000Z: still running");
    finish();
    await t.clock.advanceTo('2024-05-01T10:04:00.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T10:01:00.000Z', '2024-05-01T10:03:00.000Z', '2024-05-01T10:04:00.000Z']);
  });

  it('runs once at start-up with IsPastDue when the stored status shows a missed occurrence', async () => {
    const missed = {
      last: '2024-05-01T08:00:00.000Z',
      next: '2024-05-01T09:00:00.000Z',
      lastUpdated: '2024-05-01T08:00:00.000Z',
    };
    const store = memoryStore({ hourly: missed });
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *' }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T09:30:00.000Z');
    expect(t.calls).toEqual([
      {
        name: 'hourly',
        at: '2024-05-01T09:30:00.000Z',
        payload: {
          Schedule: { AdjustForDST: true },
          ScheduleStatus: { Last: missed.last, Next: missed.next, LastUpdated: missed.lastUpdated },
          IsPastDue: true,
        },
      },
    ]);
    expect(store.data.get('hourly')).toEqual({
      last: '2024-05-01T09:30:00.000Z',
      next: '2024-05-01T10:00:00.000Z',
      lastUpdated: '2024-05-01T09:30:00.000Z',
    });
    await t.clock.advanceTo('2024-05-01T10:00:00.000Z');
    expect(t.calls.map((c) => [c.at, c.payload.IsPastDue])).toEqual([
      ['2024-05-01T09:30:00.000Z', true],
      ['2024-05-01T10:00:00.000Z', false],
    ]);
  });

  it('does not run at start-up when the stored status is current', async () => {
    const store = memoryStore({
      hourly: {
        last: '2024-05-01T09:00:00.000Z',
        next: '2024-05-01T10:00:00.000Z',
        lastUpdated: '2024-05-01T09:00:00.000Z',
      },
    });
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *' }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T09:59:59.000Z');
    expect(t.calls).toEqual([]);
    expect(store.set).not.toHaveBeenCalled();
  });

  it('ignores stored status when useMonitor is false', async () => {
    const store = memoryStore({
      hourly: {
        last: '2024-05-01T08:00:00.000Z',
        next: '2024-05-01T09:00:00.000Z',
        lastUpdated: '2024-05-01T08:00:00.000Z',
      },
    });
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *', useMonitor: false }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T10:00:00.000Z');
    expect(t.calls.map((c) => c.payload)).toStrictEqual([{ Schedule: { AdjustForDST: true }, IsPastDue: false }]);
    expect(store.get).not.toHaveBeenCalled();
    expect(store.set).not.toHaveBeenCalled();
  });

  it('does not monitor sub-minute schedules by default', async () => {
    const store = memoryStore();
    const t = setup([{ name: 'fast', schedule: '*/10 * * * * *' }], '2024-05-01T10:00:00.000Z', {
      statusStore: store,
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T10:00:10.000Z');
    expect(t.calls.map((c) => c.payload)).toStrictEqual([{ Schedule: { AdjustForDST: true }, IsPastDue: false }]);
    expect(store.set).not.toHaveBeenCalled();
  });

  it('runOnStartup invokes once immediately, then follows the schedule', async () => {
    const t = setup([{ name: 'boot', schedule: '0 0 * * * *', runOnStartup: true, useMonitor: false }], '2024-05-01T09:30:00.000Z');
    t.start();
    expect(t.calls).toEqual([]); // not on start-up's call stack
    await t.clock.advanceTo('2024-05-01T10:00:00.000Z');
    expect(t.calls.map((c) => [c.at, c.payload.IsPastDue])).toEqual([
      ['2024-05-01T09:30:00.000Z', false],
      ['2024-05-01T10:00:00.000Z', false],
    ]);
  });

  it('runs a past-due runOnStartup timer once, as past due', async () => {
    const store = memoryStore({
      hourly: {
        last: '2024-05-01T08:00:00.000Z',
        next: '2024-05-01T09:00:00.000Z',
        lastUpdated: '2024-05-01T08:00:00.000Z',
      },
    });
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *', runOnStartup: true }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T09:59:00.000Z');
    expect(t.calls.map((c) => c.payload.IsPastDue)).toEqual([true]);
  });

  it('marks a run IsPastDue when it starts more than 1 s after its occurrence', async () => {
    const t = setup([{ name: 'tick', schedule: '0 * * * * *', useMonitor: false }], '2024-05-01T10:00:30.000Z');
    t.start();
    await t.clock.advanceTo('2024-05-01T10:01:00.000Z', 1_000);
    await t.clock.advanceTo('2024-05-01T10:02:30.000Z', 5_000);
    expect(t.calls.map((c) => [c.at, c.payload.IsPastDue])).toEqual([
      ['2024-05-01T10:01:01.000Z', false],
      ['2024-05-01T10:02:05.000Z', true],
    ]);
  });

  it('treats a timer firing early as its occurrence: no second run, status keeps the occurrence', async () => {
    const store = memoryStore();
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *' }], '2024-05-01T09:30:00.000Z', {
      statusStore: store,
    });
    t.start();
    // The clock reads 200 ms before 10:00 when the timer fires (e.g. after an NTP step).
    await t.clock.advanceTo('2024-05-01T10:00:00.000Z', -200);
    await t.clock.advanceTo('2024-05-01T10:59:00.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T09:59:59.800Z']);
    expect(store.data.get('hourly')).toEqual({
      last: '2024-05-01T10:00:00.000Z',
      next: '2024-05-01T11:00:00.000Z',
      lastUpdated: '2024-05-01T10:00:00.000Z',
    });
  });

  it('logs failing invocations and keeps the schedule going', async () => {
    const t = setup([{ name: 'flaky', schedule: '0 * * * * *', useMonitor: false }], '2024-05-01T10:00:30.000Z');
    t.invoke
      .mockImplementationOnce(async () => {
        throw new Error('boom');
      })
      .mockImplementationOnce(() => {
        throw new Error('sync boom');
      });
    t.start();
    await t.clock.advanceTo('2024-05-01T10:03:00.000Z');
    expect(t.invoke).toHaveBeenCalledTimes(3);
    expect(t.logger.error).toHaveBeenCalledTimes(2);
    expect(t.logger.error).toHaveBeenCalledWith(
      "Timer function 'flaky' failed",
      expect.objectContaining({ error: expect.stringContaining('boom') }),
    );
    expect(t.logger.error).toHaveBeenCalledWith(
      "Timer function 'flaky' failed",
      expect.objectContaining({ error: expect.stringContaining('sync boom') }),
    );
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T10:03:00.000Z']);
  });

  it('logs a failing status store instead of throwing', async () => {
    const t = setup([{ name: 'hourly', schedule: '0 0 * * * *' }], '2024-05-01T09:30:00.000Z', {
      statusStore: {
        get: () => undefined,
        set: () => {
          throw new Error('disk full');
        },
      },
    });
    t.start();
    await t.clock.advanceTo('2024-05-01T10:00:00.000Z');
    expect(t.calls).toHaveLength(1);
    expect(t.logger.error).toHaveBeenCalledWith(
      "Timer 'hourly': could not save its schedule status",
      expect.objectContaining({ error: expect.stringContaining('disk full') }),
    );
  });

  it('runs TimeSpan schedules every interval', async () => {
    const t = setup([{ name: 'poll', schedule: '00:00:10' }], '2024-05-01T10:00:03.000Z');
    t.start();
    await t.clock.advanceTo('2024-05-01T10:00:35.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2024-05-01T10:00:13.000Z', '2024-05-01T10:00:23.000Z', '2024-05-01T10:00:33.000Z']);
  });

  it('chains timers for far-off occurrences without exceeding the setTimeout limit', async () => {
    const t = setup([{ name: 'newYear', schedule: '0 0 0 1 JAN *', useMonitor: false }], '2025-03-01T00:00:00.000Z');
    t.start();
    await t.clock.advanceTo('2026-01-01T00:00:00.000Z');
    expect(t.calls.map((c) => c.at)).toEqual(['2026-01-01T00:00:00.000Z']);
    expect(t.clock.delays.length).toBeGreaterThan(2);
    expect(Math.max(...t.clock.delays)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('stop() cancels every pending timer', async () => {
    const t = setup(
      [
        { name: 'a', schedule: '0 * * * * *', runOnStartup: true },
        { name: 'b', schedule: '00:00:05' },
      ],
      '2024-05-01T10:00:30.000Z',
    );
    const triggers = t.start();
    expect(t.clock.pending()).toBe(3);
    triggers.stop();
    expect(t.clock.pending()).toBe(0);
    await t.clock.advanceTo('2024-05-01T11:00:00.000Z');
    expect(t.invoke).not.toHaveBeenCalled();
  });

  it('works on Node timers when no clock is injected, and stop() clears them', async () => {
    const calls: number[] = [];
    const triggers = startTimerTriggers({
      registrations: [{ name: 'quick', schedule: '00:00:00.05' }],
      invoke: async () => void calls.push(Date.now()),
      logger: { info: () => undefined, error: () => undefined },
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    triggers.stop();
    const seen = calls.length;
    expect(seen).toBeGreaterThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(calls.length).toBe(seen);
  });

  it('fails start-up naming the function whose schedule is invalid, arming nothing', () => {
    const t = setup(
      [
        { name: 'good', schedule: '0 * * * * *' },
        { name: 'nightly', schedule: '0 61 * * * *' },
      ],
      '2024-05-01T10:00:00.000Z',
    );
    expect(t.start).toThrow(
      "Timer function 'nightly' has an invalid schedule: Invalid timer schedule '0 61 * * * *': " + "minute field '61' out of range 0-59",
    );
    expect(t.clock.pending()).toBe(0);
  });

  it('fails start-up for a schedule that can never fire, naming the function', () => {
    const t = setup([{ name: 'feb30', schedule: '0 0 0 30 2 *' }], '2024-05-01T10:00:00.000Z');
    expect(t.start).toThrow("Timer function 'feb30' has an invalid schedule:");
    expect(t.start).toThrow('has no occurrence within 50 years');
  });

  it('fails start-up when a name is registered twice', () => {
    const t = setup(
      [
        { name: 'dup', schedule: '0 * * * * *' },
        { name: 'dup', schedule: '0 0 * * * *' },
      ],
      '2024-05-01T10:00:00.000Z',
    );
    expect(t.start).toThrow("Timer function 'dup' is registered twice");
  });

  it('reads cron fields in UTC unless told to use local time', async () => {
    const original = process.env.TZ;
    process.env.TZ = 'Asia/Kolkata'; // UTC+05:30, no DST
    try {
      const utc = setup([{ name: 'nine', schedule: '0 0 9 * * *', useMonitor: false }], '2024-05-01T00:00:00.000Z');
      utc.start();
      await utc.clock.advanceTo('2024-05-02T00:00:00.000Z');
      expect(utc.calls.map((c) => c.at)).toEqual(['2024-05-01T09:00:00.000Z']);

      const local = setup([{ name: 'nine', schedule: '0 0 9 * * *', useMonitor: false }], '2024-05-01T00:00:00.000Z', {
        timeZone: 'local',
      });
      local.start();
      await local.clock.advanceTo('2024-05-02T00:00:00.000Z');
      expect(local.calls.map((c) => c.at)).toEqual(['2024-05-01T03:30:00.000Z']);
    } finally {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    }
  });
});
