import { randomInt } from 'node:crypto';
import { loadavg } from 'node:os';
import { runChaosScenario } from '../test/support/chaos-scenario.js';
import { percentile } from './percentile.js';
import type { Figure } from './report.js';

const DEFAULT_SUBMISSIONS = 300;

/**
 * `npm run bench -- soak [N]`: the chaos suite's scenario (test/support/chaos-scenario.ts) with N submissions (300 by
 * default, or NEWSDESK_SOAK_SUBMISSIONS), its faults at the seed's moments (NEWSDESK_CHAOS_SEED replays a run): how
 * many summaries were delivered, duplicated and lost, how long a client waited for its webhook, and each process's
 * peak resident memory.
 */
export async function benchSoak(count = process.env.NEWSDESK_SOAK_SUBMISSIONS): Promise<Figure[]> {
  const submissions = Number(count ?? DEFAULT_SUBMISSIONS);
  if (!Number.isInteger(submissions) || submissions < 1) throw new Error(`soak: N must be a whole number above 0, not ${count}`);
  const seed = Number(process.env.NEWSDESK_CHAOS_SEED ?? randomInt(2 ** 31));
  console.log(
    `soak: ${submissions} submissions, chaos seed ${seed}, load average before ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const report = await runChaosScenario({
    seed,
    submissions,
    // A backlog of N submissions drains at the classifier's pace: time for it, before a file would be escalated.
    settleMs: Math.max(60_000, submissions * 2_000),
    settings: { NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: `PT${Math.max(180, submissions * 3)}S` },
    log: (line) => console.log(`[soak] ${line}`),
  });
  const load = loadavg();
  const notes = `seed ${seed}; ${submissions} submissions in ${(report.durationMs / 1000).toFixed(0)} s; load average after ${load.map((l) => l.toFixed(2)).join(' ')}`;
  console.log(`soak: ${JSON.stringify({ ...report, timeToWebhookMs: undefined })}`);
  const times = report.timeToWebhookMs;
  return [
    {
      name: 'Submissions delivered exactly once',
      value: report.delivered,
      unit: 'submissions',
      goal: { op: '>=', value: submissions },
      notes,
    },
    {
      name: 'Deliveries duplicated (a delivery id answered 2xx twice, or two ids for one submission)',
      value: report.duplicated.length + report.deliveredTwice.length,
      unit: 'deliveries',
      goal: { op: '<=', value: 0 },
    },
    { name: 'Submissions lost (accepted, never delivered)', value: report.lost.length, unit: 'submissions', goal: { op: '<=', value: 0 } },
    {
      name: 'Submissions not final, instances unsettled, orphans left',
      value: report.notFinal.length + report.unsettled.length + report.orphans.length,
      unit: 'items',
      goal: { op: '<=', value: 0 },
    },
    {
      name: 'Time to webhook p50 (202 to the signed summary)',
      value: percentile(times, 50) / 1000,
      unit: 's',
      compare: { 'p95 s': round(percentile(times, 95) / 1000) },
    },
    { name: 'Time to webhook p95', value: percentile(times, 95) / 1000, unit: 's' },
    ...Object.entries(report.peakRssKiB).map(([role, kib]) => ({ name: `Peak RSS, ${role}`, value: kib / 1024, unit: 'MiB' })),
  ];
}

const round = (n: number) => Math.round(n * 10) / 10;
