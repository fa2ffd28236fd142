import type { CronSchedule, Schedule, TimeZone } from './types.js';

/**
 * How far ahead to look before calling a schedule impossible. The rarest satisfiable NCrontab
 * schedule is Feb 29 on a given weekday, which can be 40 years apart (around 2100), so 50 years
 * separates "rare" from "never" (`0 0 0 30 2 *`) exactly; the search skips by field, so it is cheap.
 */
const HORIZON_YEARS = 50;

interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The first instant strictly after `after` that `schedule` fires. Cron fields are read on the
 * UTC or the process's local wall clock; a TimeSpan schedule is simply `after` + interval.
 */
export function nextOccurrence(schedule: Schedule, after: Date, timeZone: TimeZone = 'UTC'): Date {
  const afterMs = after.getTime();
  if (Number.isNaN(afterMs)) throw new Error('nextOccurrence: `after` is an invalid Date');
  if (schedule.kind === 'interval') return new Date(afterMs + schedule.intervalMs);

  const limitYear = wallTime(afterMs, timeZone).year + HORIZON_YEARS;
  // Cron has whole-second resolution: start at the next whole second after `after`.
  let from = wallTime(afterMs, timeZone);
  from.second += 1;
  for (;;) {
    const found = nextWallTime(schedule, from, limitYear);
    if (!found) {
      throw new Error(
        `Timer schedule '${schedule.expression}' has no occurrence within ${HORIZON_YEARS} ` + `years after ${after.toISOString()}`,
      );
    }
    const ms = toInstant(found, timeZone);
    // Only a local clock falling back can map a later wall time to an earlier instant.
    if (ms > afterMs) return new Date(ms);
    from = { ...found, second: found.second + 1 };
  }
}

/** Smallest wall time >= `start` matching every field, or undefined past `limitYear`. */
function nextWallTime(s: CronSchedule, start: WallTime, limitYear: number): WallTime | undefined {
  const t = { ...start };
  for (;;) {
    carry(t);
    if (t.year > limitYear) return undefined;
    const move = firstMismatch(s, t);
    if (!move) return t;
    // Each miss jumps the first wrong unit to its next allowed value (or past its end, which
    // carry() turns into the next larger unit) and restarts from the top.
    moveTo(t, move.unit, move.value);
  }
}

const UNITS = ['month', 'day', 'hour', 'minute', 'second'] as const;
type Unit = (typeof UNITS)[number];

/** Each cron field with the unit it restricts, largest first, and the value just past that unit's range. */
const FIELDS: { unit: Unit; values: (s: CronSchedule) => readonly number[]; end: number }[] = [
  { unit: 'month', values: (s) => s.months, end: 13 },
  { unit: 'day', values: (s) => s.daysOfMonth, end: 32 },
  { unit: 'hour', values: (s) => s.hours, end: 24 },
  { unit: 'minute', values: (s) => s.minutes, end: 60 },
  { unit: 'second', values: (s) => s.seconds, end: 60 },
];

/** The largest unit of `t` that no field allows, with the value to move it to; undefined when all match. */
function firstMismatch(s: CronSchedule, t: WallTime): { unit: Unit; value: number } | undefined {
  for (const field of FIELDS) {
    // The day of week is checked once the day of month matches, before the time of day.
    if (field.unit === 'hour' && !dayOfWeekMatches(s, t)) return { unit: 'day', value: t.day + 1 };
    const next = firstAtLeast(field.values(s), t[field.unit]);
    if (next !== t[field.unit]) return { unit: field.unit, value: next ?? field.end };
  }
  return undefined;
}

/** Sets one unit and resets every smaller unit to its first value. */
function moveTo(t: WallTime, unit: Unit, value: number): void {
  t[unit] = value;
  for (const smaller of UNITS.slice(UNITS.indexOf(unit) + 1)) t[smaller] = smaller === 'day' ? 1 : 0;
}

/** Turns out-of-range units (second 60, day 32, month 13…) into the next larger unit. */
function carry(t: WallTime): void {
  if (t.second > 59) moveTo(t, 'minute', t.minute + 1);
  if (t.minute > 59) moveTo(t, 'hour', t.hour + 1);
  if (t.hour > 23) moveTo(t, 'day', t.day + 1);
  if (t.day > daysInMonth(t.year, t.month)) moveTo(t, 'month', t.month + 1);
  if (t.month > 12) {
    t.year += 1;
    moveTo(t, 'month', 1);
  }
}

/**
 * NCrontab (which the Functions host uses) requires the day-of-month AND the day-of-week field to
 * match; unlike Vixie cron it does not OR them when both are restricted. `0 0 9 1-7 * MON` is
 * therefore "the first Monday of the month", as on Azure.
 */
function dayOfWeekMatches(s: CronSchedule, t: WallTime): boolean {
  return s.daysOfWeek.includes(new Date(Date.UTC(t.year, t.month - 1, t.day)).getUTCDay());
}

function firstAtLeast(sorted: readonly number[], value: number): number | undefined {
  for (const v of sorted) if (v >= value) return v;
  return undefined;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function wallTime(ms: number, zone: TimeZone): WallTime {
  const d = new Date(ms);
  return zone === 'UTC'
    ? {
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
        hour: d.getUTCHours(),
        minute: d.getUTCMinutes(),
        second: d.getUTCSeconds(),
      }
    : {
        year: d.getFullYear(),
        month: d.getMonth() + 1,
        day: d.getDate(),
        hour: d.getHours(),
        minute: d.getMinutes(),
        second: d.getSeconds(),
      };
}

// A local wall time skipped by a DST jump resolves forward (02:30 → 03:30), as on Azure; a
// repeated one resolves to its first instant, so the repeated hour runs once.
function toInstant(w: WallTime, zone: TimeZone): number {
  return zone === 'UTC'
    ? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
    : new Date(w.year, w.month - 1, w.day, w.hour, w.minute, w.second).getTime();
}
