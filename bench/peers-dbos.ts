import { DBOS } from '@dbos-inc/dbos-sdk';
import type { PeerTimings, Workloads } from './peers-workloads.js';

// The same three workloads as bench/apps/durable, as DBOS workflows: each activity is a durable step.
const hello = DBOS.registerStep(async (city: string) => Promise.resolve(`Hello ${city}`), { name: 'hello' });

const helloCities5 = DBOS.registerWorkflow(
  async () => {
    const out: string[] = [];
    for (const city of ['Tokyo', 'Seattle', 'London', 'Cairo', 'Lima']) out.push(await hello(city));
    return out;
  },
  { name: 'helloCities5' },
);

const fanOutFanIn = DBOS.registerWorkflow(
  async (n: number) => {
    const tasks: Promise<string>[] = [];
    for (let i = 0; i < n; i++) tasks.push(hello(String(i)));
    return (await Promise.all(tasks)).length;
  },
  { name: 'fanOutFanIn' },
);

const sequential = DBOS.registerWorkflow(
  async (n: number) => {
    for (let i = 0; i < n; i++) await hello(String(i));
    return n;
  },
  { name: 'sequential' },
);

async function timed(count: number, start: (i: number) => Promise<{ getResult(): Promise<unknown> }>): Promise<number> {
  const began = performance.now();
  const handles = [];
  for (let i = 0; i < count; i++) handles.push(await start(i));
  await Promise.all(handles.map((h) => h.getResult()));
  return (performance.now() - began) / 1000;
}

/** Runs the workloads on DBOS Transact against `systemDatabaseUrl`; seconds for each. */
export async function runDbos(systemDatabaseUrl: string, w: Workloads): Promise<PeerTimings> {
  DBOS.setConfig({ name: 'newsdesk-bench', systemDatabaseUrl, logLevel: 'error' });
  await DBOS.launch();
  try {
    const run = `${Date.now()}`;
    await timed(50, (i) => DBOS.startWorkflow(helloCities5, { workflowID: `warm-${run}-${i}` })()); // warm-up: JIT, pool
    const hello5 = await timed(w.helloCities5, (i) => DBOS.startWorkflow(helloCities5, { workflowID: `h5-${run}-${i}` })());
    const fanOut = await timed(1, () => DBOS.startWorkflow(fanOutFanIn, { workflowID: `fan-${run}` })(w.fanOut));
    const seq: Record<number, number> = {};
    for (const n of w.sequential) seq[n] = await timed(1, () => DBOS.startWorkflow(sequential, { workflowID: `seq${n}-${run}` })(n));
    return { helloCities5: hello5, fanOut, sequential: seq };
  } finally {
    await DBOS.shutdown();
  }
}
