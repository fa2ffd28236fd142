import * as df from 'durable-functions';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import type { SubmissionSummary } from '../../contracts/webhook.js';
import { tracedActivity } from './traced-activity.js';

export const READ_SUMMARY = 'readSummary';

export function createReadSummary(blobs: BlobStore) {
  return async (submissionId: string): Promise<SubmissionSummary> => {
    const summary = await blobs.readJson<SubmissionSummary>(`results/${submissionId}/summary.json`);
    if (!summary) throw new Error(`no summary for ${submissionId}`);
    return summary;
  };
}

export function registerReadSummary(blobs: BlobStore): void {
  df.app.activity(READ_SUMMARY, { handler: tracedActivity(READ_SUMMARY, createReadSummary(blobs)) });
}
