import { monitorsByDefault } from './monitors-by-default.js';
import { nextOccurrence } from './next-occurrence.js';
import { parseNcrontab } from './parse-ncrontab.js';
import type { Schedule, TimerStatus, TimeZone } from './types.js';

/** A timer trigger as `app.timer()` registers it (`schedule`, `runOnStartup`, `useMonitor`). */
export interface TimerRegistration {
  name: string;
  schedule: string;
  runOnStartup?: boolean;
  useMonitor?: boolean;
}

/** One timer's schedule and run state while the triggers are started. */
export interface TimerState {
  name: string;
  schedule: Schedule;
  monitor: boolean;
  runOnStartup: boolean;
  /** Set only for monitored timers. */
  status?: TimerStatus;
  running: boolean;
  /** The pending regular occurrence and the pending start-up run, for stop(). */
  nextRun?: { cancel(): void };
  startupRun?: { cancel(): void };
}

/**
 * Turns registrations into timer state, failing on the first unusable one with an Error that
 * names the function, so start-up arms either every timer or none.
 */
export function prepareTimers(registrations: readonly TimerRegistration[], now: Date, zone: TimeZone): TimerState[] {
  const seen = new Set<string>();
  return registrations.map((reg) => {
    if (seen.has(reg.name)) throw new Error(`Timer function '${reg.name}' is registered twice`);
    seen.add(reg.name);
    let schedule: Schedule;
    try {
      schedule = parseNcrontab(reg.schedule);
      nextOccurrence(schedule, now, zone); // a schedule that never fires is as unusable
    } catch (error) {
      throw new Error(`Timer function '${reg.name}' has an invalid schedule: ${(error as Error).message}`, { cause: error });
    }
    return {
      name: reg.name,
      schedule,
      monitor: reg.useMonitor ?? monitorsByDefault(schedule),
      runOnStartup: reg.runOnStartup ?? false,
      running: false,
    };
  });
}
