import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import type { MarkSubmissionInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** Sets a submission's status in the store; repeating it is harmless (at-least-once activities). */
export function createMarkSubmission(store: IngestStore) {
  return async (input: MarkSubmissionInput): Promise<void> => {
    await store.updateSubmission(input.submissionId, { status: input.status });
  };
}

export function registerMarkSubmission(store: IngestStore): void {
  registerActivity('markSubmission', createMarkSubmission(store));
}
