import { nextOccurrence } from './next-occurrence.js';
import type { Schedule, TimerStatus, TimeZone } from './types.js';

/** Azure's `Last` for "never ran" (.NET's default DateTime), kept so user code sees the same. */
export const NEVER = '0001-01-01T00:00:00.000Z';

export interface PastDueCheck {
  /** The status to run with; written back to the store when `changed`. */
  status: TimerStatus;
  changed: boolean;
  /** True when the recorded next occurrence passed while the host was down. */
  pastDue: boolean;
}

/**
 * The schedule monitor's start-up check, after the WebJobs timer extension's
 * ScheduleMonitor.CheckPastDueAsync: a stored `next` that is already behind `now` means an
 * occurrence was missed. If the stored `next` no longer follows from `last` the schedule was
 * edited, so the status is re-derived instead of reporting a miss the user never asked for.
 */
export function checkPastDue(schedule: Schedule, stored: TimerStatus | undefined, now: Date, timeZone: TimeZone): PastDueCheck {
  const neverMs = Date.parse(NEVER);
  const last = Date.parse(stored?.last ?? '');
  const lastUpdated = Date.parse(stored?.lastUpdated ?? '');
  const recordedNext = Date.parse(stored?.next ?? '');

  if (!stored || [last, lastUpdated, recordedNext].some(Number.isNaN)) {
    // First start (or an unreadable record): remember the next occurrence so a later restart
    // can tell whether it was missed.
    const status = {
      last: NEVER,
      next: nextOccurrence(schedule, now, timeZone).toISOString(),
      lastUpdated: now.toISOString(),
    };
    return { status, changed: true, pastDue: false };
  }

  // `next` was computed from `last` after a run, or from `lastUpdated` before the first one.
  let basis = last > neverMs ? last : lastUpdated > neverMs ? lastUpdated : now.getTime();
  let expectedNext = nextOccurrence(schedule, new Date(basis), timeZone).getTime();
  let status: TimerStatus = {
    last: stored.last,
    next: stored.next,
    lastUpdated: stored.lastUpdated,
  };
  let changed = false;
  if (expectedNext !== recordedNext) {
    if (now.getTime() > expectedNext) {
      basis = now.getTime();
      expectedNext = nextOccurrence(schedule, now, timeZone).getTime();
    }
    status = {
      last: NEVER,
      next: new Date(expectedNext).toISOString(),
      lastUpdated: new Date(basis).toISOString(),
    };
    changed = true;
  }
  return { status, changed, pastDue: now.getTime() > Date.parse(status.next) };
}
