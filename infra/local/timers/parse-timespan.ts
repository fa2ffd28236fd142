// .NET TimeSpan text as the timer trigger accepts it: [d.]hh:mm[:ss[.fffffff]].
const TIMESPAN = /^(?:(\d+)\.)?(\d+):(\d+)(?::(\d+)(?:\.(\d{1,7}))?)?$/;

/**
 * Parses a TimeSpan schedule into milliseconds. Throws an Error naming the bad part; the caller
 * adds the expression. Zero is refused because "every 0 s" would spin the scheduler.
 */
export function parseTimeSpan(text: string): number {
  const match = TIMESPAN.exec(text);
  if (!match) {
    throw new Error(`TimeSpan '${text}' is not 'hh:mm:ss' or 'd.hh:mm:ss'`);
  }
  const [, days = '0', hours = '0', minutes = '0', seconds = '0', fraction = ''] = match;
  const part = (name: string, value: string, max: number): number => {
    const n = Number(value);
    if (n > max) throw new Error(`TimeSpan ${name} field '${value}' out of range 0-${max}`);
    return n;
  };
  const ms =
    Number(days) * 86_400_000 +
    part('hours', hours, 23) * 3_600_000 +
    part('minutes', minutes, 59) * 60_000 +
    part('seconds', seconds, 59) * 1000 +
    Math.round(Number(`0.${fraction || '0'}`) * 1000);
  if (ms <= 0) throw new Error(`TimeSpan '${text}' must be longer than zero`);
  return ms;
}
