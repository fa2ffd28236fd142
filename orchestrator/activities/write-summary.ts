import * as df from 'durable-functions';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { tracedActivity } from './traced-activity.js';

export const WRITE_SUMMARY = 'writeSummary';

/** Writes results/{submissionId}/summary.json; the same name on every retry. */
export function createWriteSummary(blobs: BlobStore) {
  // The orchestration adds its trace context to the summary; it is not part of what is written.
  return async ({ traceparent: _, ...summary }: SubmissionSummary & { traceparent?: string }): Promise<string> => {
    const path = `results/${summary.submissionId}/summary.json`;
    await blobs.uploadJson(path, summary);
    return path;
  };
}

export function registerWriteSummary(blobs: BlobStore): void {
  df.app.activity(WRITE_SUMMARY, { handler: tracedActivity(WRITE_SUMMARY, createWriteSummary(blobs)) });
}
