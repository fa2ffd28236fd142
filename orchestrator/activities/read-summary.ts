import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import { summaryBlobOf } from '../../contracts/ids.js';
import { NonRetryableError } from '../../lib/resilience/non-retryable-error.js';
import type { SubmissionSummary } from '../../contracts/submission-summary.js';
import { registerActivity } from './register-activity.js';

export function createReadSummary(blobs: BlobStore) {
  return async (submissionId: string): Promise<SubmissionSummary> => {
    const summary = await blobs.readJson<SubmissionSummary>(summaryBlobOf(submissionId));
    // Storage that cannot be reached throws above (retried); a summary that is not there will not appear.
    if (!summary) throw new NonRetryableError(`no summary for ${submissionId}`);
    return summary;
  };
}

export function registerReadSummary(blobs: BlobStore): void {
  registerActivity('readSummary', createReadSummary(blobs));
}
