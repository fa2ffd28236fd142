import { join } from 'node:path';
import { startTimerTriggers } from '../timers/start-timer-triggers.js';
import { createTimerStatusStore } from '../timers/timer-status-store.js';
import type { ExtensionContext } from './extension-context.js';

/** A schedule may name an app setting, `%Name%`, as in Azure. */
function resolveSchedule(functionName: string, schedule: string): string {
  return schedule.replace(/%([^%]+)%/g, (_m, name: string) => {
    const value = process.env[name];
    if (value === undefined) throw new Error(`Timer function '${functionName}' uses schedule setting '${name}', which is not set.`);
    return value;
  });
}

/** Fires every timerTrigger function on its NCRONTAB schedule; status is kept under the data folder. */
export function startTimers(ctx: ExtensionContext): { stop(): void } {
  const registrations = ctx.registrations
    .filter((r) => r.trigger.type === 'timerTrigger')
    .map((r) => ({
      name: r.name,
      schedule: resolveSchedule(r.name, String(r.trigger.schedule ?? '')),
      runOnStartup: r.trigger.runOnStartup === true,
      useMonitor: typeof r.trigger.useMonitor === 'boolean' ? r.trigger.useMonitor : undefined,
    }));
  if (registrations.length === 0) return { stop() {} };
  return startTimerTriggers({
    registrations,
    statusStore: createTimerStatusStore(join(ctx.dataDir, 'timer-status.json')),
    invoke: (name, timerInfo) => ctx.invokeJson(name, JSON.stringify(timerInfo)),
    logger: ctx.logger,
  });
}
