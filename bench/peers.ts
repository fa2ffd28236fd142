import { loadavg } from 'node:os';
import { startLocal } from './peers-local.js';
import { startPostgres } from './peers-postgres.js';
import { WORKLOADS, type Peer } from './peers-workloads.js';
import type { Figure } from './report.js';

const round = (n: number): number => Math.round(n * 10) / 10;
const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

interface Workload {
  name: string;
  unit: string;
  goal?: number;
  /** Runs it on one engine; the rate in `unit` per second. */
  run(peer: Peer): Promise<number>;
}

const workloads: Workload[] = [
  {
    name: 'Sequential activities (500 in one orchestration)',
    unit: 'activities/s',
    goal: 1.5,
    run: async (p) => 500 / (await p.sequential(500)),
  },
  {
    name: `HelloCities5 (${WORKLOADS.helloCities5} orchestrations of 5 activities)`,
    unit: 'orchestrations/s',
    goal: 4,
    run: async (p) => WORKLOADS.helloCities5 / (await p.helloCities5(WORKLOADS.helloCities5)),
  },
  {
    name: `Fan-out/fan-in of ${WORKLOADS.fanOut} activities`,
    unit: 'activities/s',
    run: async (p) => WORKLOADS.fanOut / (await p.fanOut(WORKLOADS.fanOut)),
  },
  ...WORKLOADS.sequential
    .filter((n) => n !== 500)
    .map((n) => ({
      name: `Sequential activities (${n} in one orchestration: replay cost)`,
      unit: 'activities/s',
      run: async (p: Peer) => n / (await p.sequential(n)),
    })),
];

/**
 * The durable workloads on the local engine (SQLite) and on DBOS Transact 5.3 with a throwaway
 * PostgreSQL 15 cluster (fsync on). Both run side by side in this process, each workload on one
 * engine right after the other, so a machine shared with other work loads both alike; the figure
 * is local ÷ DBOS with both rates beside it. Without PostgreSQL, the DBOS half is skipped with the
 * reason and only the local rates are reported.
 */
export async function benchPeers(): Promise<Figure[]> {
  const local = await startLocal();
  const pg = await startPostgres();
  const figures: Figure[] = [];
  try {
    if (typeof pg === 'string') {
      console.log(`peers: DBOS skipped — ${pg}`);
      for (const w of workloads) {
        figures.push({ name: `${w.name}: local engine`, value: await w.run(local), unit: w.unit, notes: `DBOS skipped: ${pg}` });
      }
      return figures;
    }
    const { startDbos } = await import('./peers-dbos.js');
    const dbos = await startDbos(pg.url);
    try {
      for (const w of workloads) {
        const before = load();
        const mine = await w.run(local);
        const theirs = await w.run(dbos);
        figures.push({
          name: `${w.name}: local engine ÷ DBOS`,
          value: mine / theirs,
          unit: '×',
          ...(w.goal === undefined ? {} : { goal: { op: '>=' as const, value: w.goal } }),
          compare: { [`local ${w.unit}`]: round(mine), [`DBOS ${w.unit}`]: round(theirs) },
          notes: `load average ${before} before, ${load()} after`,
        });
      }
    } finally {
      await dbos.stop();
    }
    return figures;
  } finally {
    await local.stop();
    if (typeof pg !== 'string') pg.stop();
  }
}
