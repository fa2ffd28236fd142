/**
 * A parsed NCrontab schedule. Every field is the sorted, de-duplicated list of values it allows
 * (`*` expands to the whole range), so matching never has to re-read the expression.
 */
export interface CronSchedule {
  kind: 'cron';
  expression: string;
  seconds: readonly number[];
  minutes: readonly number[];
  hours: readonly number[];
  /** 1–31. */
  daysOfMonth: readonly number[];
  /** 1–12. */
  months: readonly number[];
  /** 0–6, Sunday = 0 (an input 7 is folded into 0). */
  daysOfWeek: readonly number[];
}

/** A TimeSpan schedule (`hh:mm:ss`): the next run is always this long after the previous one. */
export interface IntervalSchedule {
  kind: 'interval';
  expression: string;
  intervalMs: number;
}

export type Schedule = CronSchedule | IntervalSchedule;

/** Which wall clock cron fields are read in: WEBSITE_TIME_ZONE unset on Linux means UTC. */
export type TimeZone = 'UTC' | 'local';

/** The schedule monitor's record for one timer, as ISO strings (Azure's ScheduleStatus). */
export interface TimerStatus {
  last: string;
  next: string;
  lastUpdated: string;
}

export interface TimerStatusStore {
  get(name: string): TimerStatus | undefined;
  set(name: string, status: TimerStatus): void;
}
