import * as df from 'durable-functions';
import type { IngestStore, SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import { tracedActivity } from './traced-activity.js';

export const MARK_SUBMISSION = 'markSubmission';

/** Sets a submission's status in the store; repeating it is harmless (at-least-once activities). */
export function createMarkSubmission(store: IngestStore) {
  return async (input: { submissionId: string; status: SubmissionStatus; traceparent?: string }): Promise<void> => {
    await store.updateSubmission(input.submissionId, { status: input.status });
  };
}

export function registerMarkSubmission(store: IngestStore): void {
  df.app.activity(MARK_SUBMISSION, { handler: tracedActivity(MARK_SUBMISSION, createMarkSubmission(store)) });
}
