import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger, startHost } from '@newsdesk/local-platform';
import { runAll } from './durable.js';
import type { Peer } from './peers-workloads.js';

const APP = resolve(fileURLToPath(import.meta.url), '../../../bench/apps/durable');

/** The local durable engine (bench/apps/durable, in process), warmed up. */
export async function startLocal(): Promise<Peer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const host = await startHost({ appDir: APP, dataDir, port: 0, rpcPort: 0, logger: consoleLogger('bench', true) });
  await runAll(host.engine, 'helloCities5', 50, () => null); // warm-up: JIT, SQLite pages
  return {
    helloCities5: (count) => runAll(host.engine, 'helloCities5', count, () => null),
    fanOut: (count) => runAll(host.engine, 'fanOutFanIn', 1, () => count),
    sequential: (count) => runAll(host.engine, 'sequential', 1, () => count),
    async stop() {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
