import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger, startHost } from '@newsdesk/local-platform';
import type { DurableEngine } from '@newsdesk/local-platform/durable';
import type { Figure } from './report.js';

const APP = resolve(fileURLToPath(import.meta.url), '../../../bench/apps/durable');

/** Numbers each run's instance ids, so one host can run a workload more than once. */
let runs = 0;

/** Starts `count` instances of `name` at once and returns the seconds until all completed. */
export async function runAll(engine: DurableEngine, name: string, count: number, input: (i: number) => unknown): Promise<number> {
  const prefix = `${name}-${++runs}`;
  const started = performance.now();
  for (let i = 0; i < count; i++) engine.startNew(name, `${prefix}-${i}`, JSON.stringify(input(i)));
  await engine.whenIdle();
  const seconds = (performance.now() - started) / 1000;
  for (let i = 0; i < count; i++) {
    const status = engine.getInstance(`${prefix}-${i}`)?.status;
    if (status !== 'Completed') throw new Error(`${prefix}-${i} ended ${status}`);
  }
  return seconds;
}

/** The durable backend's throughput on the published Durable Functions workloads, in process. */
export async function benchDurable(): Promise<Figure[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'newsdesk-bench-'));
  const host = await startHost({ appDir: APP, dataDir, port: 0, rpcPort: 0, logger: consoleLogger('bench', true) });
  try {
    await runAll(host.engine, 'helloCities5', 50, () => null); // warm-up: JIT, SQLite pages
    const hello = await runAll(host.engine, 'helloCities5', 1000, () => null);
    const fan = await runAll(host.engine, 'fanOutFanIn', 1, () => 1000);
    const seqCount = 500;
    const seq = await runAll(host.engine, 'sequential', 1, () => seqCount);
    return [
      {
        name: 'HelloCities5: 1,000 orchestrations of 5 sequential activities',
        value: 1000 / hello,
        unit: 'orchestrations/s',
        goal: { op: '>=', value: 400 },
        compare: { 'Azure Storage EP3 (published)': 48, 'Netherite EP3 (published)': 339 },
      },
      {
        name: 'Fan-out/fan-in of 1,000 activities',
        value: fan,
        unit: 's',
        goal: { op: '<=', value: 1.5 },
        compare: { 'Azure Storage fan-out (published, activities/s)': 100 },
      },
      {
        name: `Sequential activities (one orchestration, ${seqCount} in a row)`,
        value: seqCount / seq,
        unit: 'activities/s',
        goal: { op: '>=', value: 500 },
        compare: { 'Azure Storage sequential (published)': 5 },
      },
    ];
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
