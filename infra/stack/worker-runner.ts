import { resolve } from 'node:path';
import { LocalContainerRunner } from '@newsdesk/local-platform/containers';

/**
 * Newsdesk's worker containers on one machine: `dist/workers/main.js` with a container's
 * environment, ready once it prints `WORKER_READY {...}`, told its id in NEWSDESK_WORKER_ID as the
 * Azure Container Instances runner names each container group. Each has an IPC channel, over which the
 * runner relays the app's job wakes (infra/stack/start-workers.ts).
 */
export function localWorkerRunner(o: { root: string; env: NodeJS.ProcessEnv; stopTimeoutMs: number }): LocalContainerRunner {
  return new LocalContainerRunner({
    entry: resolve(o.root, 'dist/workers/main.js'),
    env: o.env,
    stopTimeoutMs: o.stopTimeoutMs,
    readyMarker: 'WORKER_READY ',
    idVariable: 'NEWSDESK_WORKER_ID',
    ipc: true,
  });
}
