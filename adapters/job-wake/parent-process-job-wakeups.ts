import type { JobWakeups } from './job-wake.js';

/** The message the local container runner sends its workers over their IPC channel for each wake. */
export const JOB_WAKE_MESSAGE = 'newsdesk.job-wake';

/**
 * The wakes a worker process hears from the process that started it (the local container runner relays each nudge
 * to its workers over IPC); undefined when the process has no IPC channel (a container on Azure).
 */
export function parentProcessJobWakeups(): JobWakeups | undefined {
  if (!process.channel) return undefined;
  const listeners = new Set<() => void>();
  process.on('message', (message) => {
    if (message !== JOB_WAKE_MESSAGE) return;
    for (const listener of [...listeners]) listener();
  });
  // Listening must not keep a worker alive that has stopped (the channel is ref'd while 'message' has listeners).
  process.channel.unref();
  return {
    onWake(listener) {
      const own = () => listener();
      listeners.add(own);
      return () => void listeners.delete(own);
    },
  };
}
