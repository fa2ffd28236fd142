import { DBOS } from '@dbos-inc/dbos-sdk';
import type { Peer } from './peers-workloads.js';

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

let runs = 0;

/** Starts `count` workflows at once and returns the seconds until all returned. */
async function timed(count: number, start: (id: string) => Promise<{ getResult(): Promise<unknown> }>): Promise<number> {
  const prefix = `${Date.now()}-${++runs}`;
  const began = performance.now();
  const handles = [];
  for (let i = 0; i < count; i++) handles.push(await start(`${prefix}-${i}`));
  await Promise.all(handles.map((h) => h.getResult()));
  return (performance.now() - began) / 1000;
}

/** DBOS Transact on the PostgreSQL at `systemDatabaseUrl`, launched and warmed up. */
export async function startDbos(systemDatabaseUrl: string): Promise<Peer> {
  DBOS.setConfig({ name: 'newsdesk-bench', systemDatabaseUrl, logLevel: 'error' });
  await DBOS.launch();
  const peer: Peer = {
    helloCities5: (count) => timed(count, (workflowID) => DBOS.startWorkflow(helloCities5, { workflowID })()),
    fanOut: (count) => timed(1, (workflowID) => DBOS.startWorkflow(fanOutFanIn, { workflowID })(count)),
    sequential: (count) => timed(1, (workflowID) => DBOS.startWorkflow(sequential, { workflowID })(count)),
    stop: () => DBOS.shutdown(),
  };
  await peer.helloCities5(50); // warm-up: JIT, connection pool
  return peer;
}
