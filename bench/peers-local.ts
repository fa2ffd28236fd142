import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger, startHost } from '@newsdesk/local-platform';
import { runAll } from './durable.js';
import type { PeerTimings, Workloads } from './peers-workloads.js';

const APP = resolve(fileURLToPath(import.meta.url), '../../../bench/apps/durable');

/** Runs the workloads on the local durable engine (bench/apps/durable, in process); seconds for each. */
export async function runLocal(w: Workloads): Promise<PeerTimings> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const host = await startHost({ appDir: APP, dataDir, port: 0, rpcPort: 0, logger: consoleLogger('bench', true) });
  try {
    await runAll(host.engine, 'helloCities5', 50, () => null); // warm-up: JIT, SQLite pages
    const helloCities5 = await runAll(host.engine, 'helloCities5', w.helloCities5, () => null);
    const fanOut = await runAll(host.engine, 'fanOutFanIn', 1, () => w.fanOut);
    const sequential: Record<number, number> = {};
    for (const n of w.sequential) sequential[n] = await runAll(host.engine, 'sequential', 1, () => n);
    return { helloCities5, fanOut, sequential };
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
