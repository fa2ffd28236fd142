import type { Schedule } from './types.js';

/**
 * Whether `useMonitor` defaults on. The Functions host turns the schedule monitor off only for
 * schedules firing more than once a minute (a TimeSpan under 1 minute, or a cron whose only
 * restriction is several seconds per minute), since persisting those is all cost, no benefit.
 */
export function monitorsByDefault(schedule: Schedule): boolean {
  if (schedule.kind === 'interval') return schedule.intervalMs >= 60_000;
  const { seconds, minutes, hours, daysOfMonth, months, daysOfWeek } = schedule;
  const everyMinute =
    minutes.length === 60 && hours.length === 24 && daysOfMonth.length === 31 && months.length === 12 && daysOfWeek.length === 7;
  return !(everyMinute && seconds.length > 1);
}
