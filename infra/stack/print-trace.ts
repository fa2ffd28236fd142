import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSpanTree, parseSpanLines, spansOfSubmission } from '../../adapters/telemetry/span-tree.js';
import { loadLocalSettings } from './settings.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');

/**
 * `node dist/infra/stack/print-trace.js [dataDir] [submissionId]` (`npm run trace`): one submission's trace from the
 * file `npm start` writes (`{dataDir}/traces.jsonl`), as a tree of spans over ingest, orchestration,
 * worker, classifier and webhook. Without an id, the latest submission's.
 */
function main(args: string[]): number {
  // One argument is the data folder when it holds a trace file, else a submission id.
  const [dataDir, submissionId] =
    args.length >= 2 ? args : args[0] && existsSync(resolve(args[0], 'traces.jsonl')) ? [args[0]] : [undefined, args[0]];
  const settings = loadLocalSettings(process.env, ROOT);
  const file = dataDir ? resolve(dataDir, 'traces.jsonl') : (settings.traceFile ?? resolve(settings.dataDir, 'traces.jsonl'));
  if (!existsSync(file)) {
    console.error(`No trace file at ${file}: start Newsdesk with npm start (it writes one) and submit something.`);
    return 1;
  }
  const spans = spansOfSubmission(parseSpanLines(readFileSync(file, 'utf8')), submissionId);
  if (spans.length === 0) {
    console.error(submissionId ? `No spans of submission ${submissionId} in ${file}.` : `No submission in ${file} yet.`);
    return 1;
  }
  console.log(formatSpanTree(spans));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
