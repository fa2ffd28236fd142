import type { JobWake } from '../job-wake/job-wake.js';
import type { JobQueue } from './job-queue.js';

/**
 * The queue, with a nudge to idle workers after each job it sends (the local stack's storage queue, which workers
 * poll). The nudge is best-effort: it never fails or delays the send, and the job is on the queue before it goes.
 */
export function wakeOnSend<T>(queue: JobQueue<T>, wake: JobWake): JobQueue<T> {
  return {
    async send(body, options) {
      await queue.send(body, options);
      wake.wake();
    },
    receive: (options) => queue.receive(options),
    depth: () => queue.depth(),
    async close() {
      await Promise.all([queue.close(), wake.close()]);
    },
  };
}
