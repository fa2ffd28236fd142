import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import { summaryBlobOf } from '../../contracts/ids.js';
import type { ActivityInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** Writes results/{submissionId}/summary.json; the same name on every retry. */
export function createWriteSummary(blobs: BlobStore) {
  // The orchestration adds its trace context to the summary; it is not part of what is written.
  return async ({ traceparent: _, ...summary }: ActivityInput<'writeSummary'>): Promise<string> => {
    const path = summaryBlobOf(summary.submissionId);
    await blobs.uploadJson(path, summary);
    return path;
  };
}

export function registerWriteSummary(blobs: BlobStore): void {
  registerActivity('writeSummary', createWriteSummary(blobs));
}
