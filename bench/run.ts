import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDurable } from './durable.js';
import { benchPeers } from './peers.js';
import { benchIngest } from './ingest.js';
import { benchOrchestration } from './orchestration.js';
import { benchWorkers } from './workers.js';
import { benchClassifier } from './classifier.js';
import { benchOcr } from './ocr-quality.js';
import { benchDuplicates } from './duplicates.js';
import { benchDesk } from './desk.js';
import { benchSoak } from './soak.js';
import { benchPickup } from './pickup.js';
import { benchBurst } from './burst.js';
import { meets, report, type Figure } from './report.js';

const RESULTS = resolve(fileURLToPath(import.meta.url), '../../../bench/results');

/**
 * `npm run bench`: every suite prints its figures with their goals and writes JSON to bench/results/. `npm run bench --
 * <suite>` runs one; `burst` (100 submissions through the whole stack) and `soak` (the chaos scenario with N submissions: `-- soak 50`) runs only when named, for minutes.
 */
async function main(): Promise<void> {
  const suites: [string, () => Promise<Figure[]>][] = [
    ['durable', benchDurable],
    ['peers', benchPeers],
    ['ingest', benchIngest],
    ['orchestration', benchOrchestration],
    ['workers', benchWorkers],
    ['pickup', benchPickup],
    ['classifier', benchClassifier],
    ['ocr', benchOcr],
    ['duplicates', benchDuplicates],
    ['desk', benchDesk],
  ];
  const only = process.argv[2];
  // The burst starts the whole stack and takes minutes (6 or more at today's pace): it runs only when named.
  if (only === 'burst') suites.push(['burst', benchBurst]);
  if (only === 'soak') suites.push(['soak', () => benchSoak(process.argv[3])]);
  let missed = 0;
  if (!only) {
    // All suites: each in a process of its own, as when named. Suites that start the local host import its app's
    // modules, which register their functions once per process; nothing one suite leaves behind slows the next.
    for (const [name] of suites) {
      const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), name], { stdio: 'inherit' });
      if (child.status !== 0) throw new Error(`bench suite ${name} failed (exit ${child.status ?? child.signal})`);
      const { figures } = JSON.parse(readFileSync(resolve(RESULTS, `${name}.json`), 'utf8')) as { figures: { met?: boolean }[] };
      missed += figures.filter((f) => f.met === false).length;
    }
    console.log(missed ? `\nIn all: ${missed} goal(s) not met.` : '\nIn all: every goal met.');
    return;
  }
  for (const [name, run] of suites) {
    if (only !== name) continue;
    const figures = await run();
    const file = report(name, figures, RESULTS);
    missed += figures.filter((f) => meets(f) === false).length;
    console.log(`-> ${file}`);
  }
  console.log(missed ? `\n${missed} goal(s) not met.` : '\nAll goals met.');
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
