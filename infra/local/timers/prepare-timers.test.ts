import { describe, expect, it } from 'vitest';
import { prepareTimers } from './prepare-timers.js';

const now = new Date('2024-05-01T10:00:00.000Z');

describe('prepareTimers', () => {
  it('resolves useMonitor from the schedule unless set, and defaults runOnStartup off', () => {
    const timers = prepareTimers(
      [
        { name: 'hourly', schedule: '0 0 * * * *' },
        { name: 'fast', schedule: '*/5 * * * * *' },
        { name: 'fastWatched', schedule: '*/5 * * * * *', useMonitor: true },
        { name: 'hourlyUnwatched', schedule: '0 0 * * * *', useMonitor: false, runOnStartup: true },
      ],
      now,
      'UTC',
    );
    expect(timers.map((t) => [t.name, t.monitor, t.runOnStartup, t.running])).toEqual([
      ['hourly', true, false, false],
      ['fast', false, false, false],
      ['fastWatched', true, false, false],
      ['hourlyUnwatched', false, true, false],
    ]);
    expect(timers[0]?.schedule).toMatchObject({ kind: 'cron', expression: '0 0 * * * *' });
  });

  it('keeps the parser error as the cause of the named error', () => {
    let error: unknown;
    try {
      prepareTimers([{ name: 'bad', schedule: '0 0 25 * * *' }], now, 'UTC');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      "Timer function 'bad' has an invalid schedule: Invalid timer schedule '0 0 25 * * *': " + "hour field '25' out of range 0-23",
    );
    expect(((error as Error).cause as Error).message).toContain("hour field '25'");
  });
});
