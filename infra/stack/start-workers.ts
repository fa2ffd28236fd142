import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { consoleLogger } from '@newsdesk/local-platform';
import type { LocalContainerRunner } from '@newsdesk/local-platform/containers';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import type { JobWakeups } from '../../adapters/job-wake/job-wake.js';
import { JOB_WAKE_MESSAGE } from '../../adapters/job-wake/parent-process-job-wakeups.js';
import { startAutoscaler } from '../../workers/scaling/autoscaler.js';
import type { ScalingPolicy } from '../../workers/scaling/scaling-policy.js';
import { localWorkerRunner } from './worker-runner.js';

export interface LocalWorkers {
  runner: LocalContainerRunner;
  /** `timeoutMs`: how long the workers may finish their jobs before they are killed (their own grace by default). */
  stop(timeoutMs?: number): Promise<void>;
}

const TICK_MS = 2000;
/** Longer than the worker's own shutdown grace (20 s by default), so a stopping worker finishes or gives back its jobs. */
const STOP_TIMEOUT_MS = 30_000;

const log = consoleLogger('workers');

/**
 * The local stand-in for Azure Container Instances: worker processes from `dist/workers/main.js`
 * with the environment a container gets, scaled on the work queue's backlog by the same
 * autoscaler as in Azure. What runs is written to `{dataDir}/workers.json` after every tick. Each wake the app sends
 * when it enqueues a job (`wakeups`) is relayed to every worker, so an idle one takes the job at once.
 */
export function startLocalWorkers(options: {
  root: string;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  queueName: string;
  policy: ScalingPolicy;
  wakeups?: JobWakeups;
}): LocalWorkers {
  const storage = options.env.AzureWebJobsStorage ?? '';
  const runner = localWorkerRunner({ root: options.root, env: options.env, stopTimeoutMs: STOP_TIMEOUT_MS });
  const queue = new StorageQueueJobQueue(storage, options.queueName);
  const stopRelay = options.wakeups?.onWake(() => runner.broadcast(JOB_WAKE_MESSAGE));
  const autoscaler = startAutoscaler({ queue, runner, policy: options.policy, intervalMs: TICK_MS, log });
  const report = setInterval(() => {
    const s = autoscaler.snapshot();
    void runner.list().then((workers) => {
      const status = {
        backlog: s.lastBacklog ?? null,
        decision: s.lastDecision ?? null,
        workers,
        pids: runner.pids(),
        error: s.lastError ?? null,
      };
      try {
        writeFileSync(resolve(options.dataDir, 'workers.json'), JSON.stringify(status, null, 2));
      } catch {
        // The report is informational; a full disk must not stop the pipeline.
      }
    });
  }, TICK_MS);
  return {
    runner,
    async stop(timeoutMs?: number) {
      clearInterval(report);
      stopRelay?.();
      await autoscaler.stop();
      await runner.stopAll(timeoutMs);
      await queue.close();
    },
  };
}
