import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDurable } from './durable.js';
import { benchIngest } from './ingest.js';
import { benchOrchestration } from './orchestration.js';
import { benchWorkers } from './workers.js';
import { benchClassifier } from './classifier.js';
import { benchOcr } from './ocr-quality.js';
import { benchDuplicates } from './duplicates.js';
import { benchDesk } from './desk.js';
import { benchSoak } from './soak.js';
import { meets, report, type Figure } from './report.js';

const RESULTS = resolve(fileURLToPath(import.meta.url), '../../../bench/results');

/**
 * `npm run bench`: every suite prints its figures with their goals and writes JSON to bench/results/. `npm run bench --
 * <suite>` runs one; `soak` (the chaos scenario with N submissions: `-- soak 50`) runs only when named, for minutes.
 */
async function main(): Promise<void> {
  const suites: [string, () => Promise<Figure[]>][] = [
    ['durable', benchDurable],
    ['ingest', benchIngest],
    ['orchestration', benchOrchestration],
    ['workers', benchWorkers],
    ['classifier', benchClassifier],
    ['ocr', benchOcr],
    ['duplicates', benchDuplicates],
    ['desk', benchDesk],
  ];
  const only = process.argv[2];
  if (only === 'soak') suites.push(['soak', () => benchSoak(process.argv[3])]);
  let missed = 0;
  for (const [name, run] of suites) {
    if (only && only !== name) continue;
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
