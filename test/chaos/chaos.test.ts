import { randomInt } from 'node:crypto';
import { expect, it } from 'vitest';
import { runChaosScenario } from '../support/chaos-scenario.js';

// Bounded and seeded: the seed picks each submission's files and each fault's moment. A failure prints its seed;
// NEWSDESK_CHAOS_SEED=<seed> npx vitest run test/chaos replays that run.
const SEED = Number(process.env.NEWSDESK_CHAOS_SEED ?? randomInt(2 ** 31));

it('30 submissions through a host killed twice, a killed worker and classifier, Azurite down 30 s and the webhook down 40 s', async () => {
  console.log(`chaos seed ${SEED} (replay: NEWSDESK_CHAOS_SEED=${SEED} npx vitest run test/chaos)`);
  const report = await runChaosScenario({
    seed: SEED,
    submissions: 30,
    settleMs: 45_000,
    log: (line) => console.log(`[chaos ${SEED}] ${line}`),
  });
  console.log(`[chaos ${SEED}] ${JSON.stringify({ ...report, timeToWebhookMs: undefined })}`);

  // Each message names the seed, so that a failure says how to replay it.
  const seed = `seed ${SEED}`;
  expect(report.refused, `${seed}: submissions never accepted`).toEqual([]);
  // Every submission is final, those whose 202 a dying host never sent included.
  expect(report.notFinal, seed).toEqual([]);
  // Each accepted submission delivered once, under one delivery id, signed.
  expect(report.lost, seed).toEqual([]);
  expect(report.duplicated, seed).toEqual([]);
  expect(report.deliveredTwice, seed).toEqual([]);
  expect(report.delivered, seed).toBe(30);
  expect(report.badSignatures, seed).toBe(0);
  expect(report.unsettled, seed).toEqual([]);
  expect(report.orphans, seed).toEqual([]);
  expect(report.reconcile, seed).toMatchObject({ started: [], failed: [], errors: [] });
}, 175_000);
