import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OUTCOME } from '../adapters/telemetry/attributes.js';
import { parseSpanLines, spansOfSubmission } from '../adapters/telemetry/span-tree.js';
import type { SpanLine } from '../adapters/telemetry/json-lines-span-exporter.js';

/** One photo's way from its 202 to its webhook, in ms, from the spans the stack writes to `{dataDir}/traces.jsonl`. */
export interface PhotoStages {
  ingest: number;
  /** The durable host's share: starting the orchestration up to the job on the queue, and from the event to delivery. */
  orchestration: number;
  queueWait: number;
  /** The worker's job without its classifier call: download, photo stage, results, event. */
  worker: number;
  classifier: number;
  total: number;
}

/** The stages of a one-photo submission, or undefined while its trace is not complete in the file. */
export function photoStages(dataDir: string, submissionId: string): PhotoStages | undefined {
  const spans = spansOfSubmission(parseSpanLines(readFileSync(join(dataDir, 'traces.jsonl'), 'utf8')), submissionId);
  const one = (name: string): SpanLine | undefined => spans.find((s) => s.name === name);
  const receive = one('submission.receive');
  const enqueue = one('activity.enqueueAnalysis');
  const job = one('worker.job');
  const classify = one('classify');
  const raise = one('event.raise');
  const deliver = one('activity.deliverWebhook');
  if (!receive || !enqueue || !job || !raise || !deliver) return undefined;
  const classifier = classify ? classify.end - classify.start : 0;
  return {
    ingest: receive.end - receive.start,
    orchestration: enqueue.end - receive.end + (deliver.end - raise.end),
    queueWait: job.start - enqueue.end,
    worker: job.end - job.start - classifier,
    classifier,
    total: deliver.end - receive.end,
  };
}

/** What the classifier was asked over the whole run: calls answered, calls throttled (429), and photos left unclassified. */
export function classifierCalls(dataDir: string): { answered: number; throttled: number; unclassified: number } {
  const spans = parseSpanLines(readFileSync(join(dataDir, 'traces.jsonl'), 'utf8'));
  const served = spans.filter((s) => s.name === 'classifier.analyze');
  return {
    answered: served.filter((s) => s.attributes['http.response.status_code'] === 200).length,
    throttled: served.filter((s) => s.attributes['http.response.status_code'] === 429).length,
    unclassified: spans.filter((s) => s.name === 'classify' && s.attributes[OUTCOME] !== 'ok').length,
  };
}
