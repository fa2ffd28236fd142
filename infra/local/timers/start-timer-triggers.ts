import { armTimer, type TimerClock } from './arm-timer.js';
import { checkPastDue } from './check-past-due.js';
import { nextOccurrence } from './next-occurrence.js';
import { prepareTimers, type TimerRegistration, type TimerState } from './prepare-timers.js';
import type { TimerStatus, TimerStatusStore, TimeZone } from './types.js';

export type { TimerRegistration } from './prepare-timers.js';

export interface TimerTriggerOptions {
  registrations: TimerRegistration[];
  invoke(functionName: string, timerInfo: unknown): Promise<unknown>;
  /** Where monitored timers keep Last/Next across restarts; in memory only when absent. */
  statusStore?: TimerStatusStore;
  /** Injectable clock for tests. */
  now?: () => Date;
  setTimer?: (fn: () => void, ms: number) => { unref?(): void } & unknown;
  // `any` so Node's own clearTimeout can be passed as is.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  clearTimer?: (t: any) => void;
  /** Wall clock for cron fields; UTC like a Linux Functions host without WEBSITE_TIME_ZONE. */
  timeZone?: TimeZone;
  logger?: { info(m: string, f?: object): void; error(m: string, f?: object): void };
}

/** The timer value as the Functions host sends it over RPC; @azure/functions camel-cases it. */
export interface TimerPayload {
  Schedule: { AdjustForDST: boolean };
  ScheduleStatus?: { Last: string; Next: string; LastUpdated: string };
  IsPastDue: boolean;
}

/** A run starting later than this after its occurrence is past due, as on Azure. */
const LATE_MS = 1000;

/**
 * Runs timer-triggered functions on their schedules. Every schedule is parsed (and its first
 * occurrence found) before anything is armed, so one bad schedule fails start-up naming its
 * function. A run never overlaps itself: an occurrence reached while the previous run is still
 * going is skipped. Failures of `invoke` are logged and the schedule carries on.
 */
export function startTimerTriggers(opts: TimerTriggerOptions): { stop(): void } {
  const clock: TimerClock = {
    now: opts.now ?? (() => new Date()),
    setTimer: opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms)),
    clearTimer: opts.clearTimer ?? ((handle) => clearTimeout(handle as NodeJS.Timeout)),
  };
  const zone = opts.timeZone ?? 'UTC';
  const logger = opts.logger ?? console;
  const timers = prepareTimers(opts.registrations, clock.now(), zone);
  let stopped = false;

  const persist = (timer: TimerState): void => {
    try {
      if (timer.status) opts.statusStore?.set(timer.name, timer.status);
    } catch (error) {
      logger.error(`Timer '${timer.name}': could not save its schedule status`, errorFields(error));
    }
  };

  const run = (timer: TimerState, isPastDue: boolean, reason: string, scheduledAt?: Date): void => {
    timer.running = true;
    const startedAt = clock.now();
    const payload: TimerPayload = {
      Schedule: { AdjustForDST: true },
      // Only monitored timers carry a status; the host sends none for the others.
      ...(timer.status ? { ScheduleStatus: toPascal(timer.status) } : {}),
      IsPastDue: isPastDue,
    };
    logger.info(`Executing timer function '${timer.name}'`, {
      reason,
      isPastDue,
      ...(scheduledAt ? { scheduledAt: scheduledAt.toISOString() } : {}),
    });
    void Promise.resolve()
      .then(() => opts.invoke(timer.name, payload))
      .catch((error: unknown) => logger.error(`Timer function '${timer.name}' failed`, errorFields(error)))
      .finally(() => {
        timer.running = false;
        if (!timer.monitor) return;
        // Like the host: record the occurrence (not the late wake-up) so a restart computes the
        // same Next and does not see a schedule change.
        const basis = scheduledAt && scheduledAt > startedAt ? scheduledAt : startedAt;
        try {
          const next = nextOccurrence(timer.schedule, basis, zone).toISOString();
          timer.status = { last: basis.toISOString(), next, lastUpdated: basis.toISOString() };
        } catch (error) {
          logger.error(`Timer '${timer.name}': no next occurrence`, errorFields(error));
          return;
        }
        persist(timer);
      });
  };

  const onOccurrence = (timer: TimerState, at: Date): void => {
    if (stopped) return;
    const firedAt = clock.now();
    // Arm the following occurrence first, so a slow run never shifts the schedule.
    try {
      const following = nextOccurrence(timer.schedule, firedAt > at ? firedAt : at, zone);
      timer.nextRun = armTimer(following, () => onOccurrence(timer, following), clock);
    } catch (error) {
      logger.error(`Timer '${timer.name}' stopped: no next occurrence`, errorFields(error));
    }
    if (timer.running) {
      logger.info(`Timer function '${timer.name}' skipped ${at.toISOString()}: still running`);
      return;
    }
    run(timer, firedAt.getTime() - at.getTime() > LATE_MS, 'Schedule', at);
  };

  for (const timer of timers) {
    const startedAt = clock.now();
    let pastDue = false;
    if (timer.monitor) {
      let stored: TimerStatus | undefined;
      try {
        stored = opts.statusStore?.get(timer.name);
      } catch (error) {
        logger.error(`Timer '${timer.name}': could not read its schedule status`, errorFields(error));
      }
      const check = checkPastDue(timer.schedule, stored, startedAt, zone);
      timer.status = check.status;
      pastDue = check.pastDue;
      if (check.changed) persist(timer);
    }
    // Start-up runs go first, off the start-up call stack, as the host's 1 ms timer does.
    if (pastDue || timer.runOnStartup) {
      const reason = pastDue ? 'IsPastDue' : 'RunOnStartup';
      const runAtStartup = (): void => {
        if (!timer.running) run(timer, pastDue, reason);
      };
      timer.startupRun = armTimer(startedAt, runAtStartup, clock);
    }
    const statusNext = timer.status ? new Date(timer.status.next) : undefined;
    const first = statusNext && statusNext > startedAt ? statusNext : nextOccurrence(timer.schedule, startedAt, zone);
    timer.nextRun = armTimer(first, () => onOccurrence(timer, first), clock);
    logger.info(`Timer function '${timer.name}' scheduled`, {
      schedule: timer.schedule.expression,
      next: first.toISOString(),
      pastDue,
      useMonitor: timer.monitor,
    });
  }

  return {
    stop() {
      stopped = true;
      for (const timer of timers) {
        timer.nextRun?.cancel();
        timer.startupRun?.cancel();
      }
    },
  };
}

function toPascal(s: TimerStatus): NonNullable<TimerPayload['ScheduleStatus']> {
  return { Last: s.last, Next: s.next, LastUpdated: s.lastUpdated };
}

function errorFields(error: unknown): { error: string } {
  return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
