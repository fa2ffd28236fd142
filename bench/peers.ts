import { loadavg } from 'node:os';
import { runLocal } from './peers-local.js';
import { startPostgres } from './peers-postgres.js';
import { WORKLOADS, type PeerTimings } from './peers-workloads.js';
import type { Figure } from './report.js';

const round = (n: number): number => Math.round(n * 10) / 10;

/** Rates (per second) of each workload: orchestrations for HelloCities5, activities otherwise. */
function rates(t: PeerTimings): Record<string, number> {
  const out: Record<string, number> = {
    'HelloCities5 orchestrations/s': WORKLOADS.helloCities5 / t.helloCities5,
    'fan-out activities/s': WORKLOADS.fanOut / t.fanOut,
  };
  for (const n of WORKLOADS.sequential) out[`sequential ${n} activities/s`] = n / t.sequential[n]!;
  return out;
}

/** One ratio figure (local ÷ DBOS) with both absolute rates beside it. */
function ratio(name: string, key: string, local: Record<string, number>, dbos: Record<string, number>, goal?: number): Figure {
  return {
    name: `${name}: local engine ÷ DBOS`,
    value: local[key]! / dbos[key]!,
    unit: '×',
    ...(goal === undefined ? {} : { goal: { op: '>=' as const, value: goal } }),
    compare: { [`local ${key}`]: round(local[key]!), [`DBOS ${key}`]: round(dbos[key]!) },
  };
}

/**
 * The durable workloads on the local engine (SQLite) and on DBOS Transact 5.3 with a throwaway
 * PostgreSQL 15 cluster (fsync on), in one run; ratios next to their goals. Without PostgreSQL the
 * DBOS half is skipped with the reason and only the local rates are reported.
 */
export async function benchPeers(): Promise<Figure[]> {
  const load = `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at start`;
  const local = rates(await runLocal(WORKLOADS));
  const pg = await startPostgres();
  if (typeof pg === 'string') {
    console.log(`peers: DBOS skipped — ${pg}`);
    return Object.entries(local).map(([key, value]) => ({
      name: `Local engine ${key}`,
      value,
      unit: '/s',
      notes: `${load}; DBOS skipped: ${pg}`,
    }));
  }
  let dbos: Record<string, number>;
  try {
    const { runDbos } = await import('./peers-dbos.js');
    dbos = rates(await runDbos(pg.url, WORKLOADS));
  } finally {
    pg.stop();
  }
  const figures = [
    ratio('Sequential activities (500 in one orchestration)', 'sequential 500 activities/s', local, dbos, 1.5),
    ratio('HelloCities5 (1,000 orchestrations of 5 activities)', 'HelloCities5 orchestrations/s', local, dbos, 4),
    ratio('Fan-out/fan-in of 1,000 activities', 'fan-out activities/s', local, dbos),
    ...WORKLOADS.sequential
      .filter((n) => n !== 500)
      .map((n) => ratio(`Sequential activities (${n}: replay cost)`, `sequential ${n} activities/s`, local, dbos)),
  ];
  for (const f of figures) f.notes = load;
  return figures;
}
