import * as df from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import type { FileStateRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import { tracedActivity } from './traced-activity.js';

/** The states that end a file's analysis (escalated is on the way to one of them). */
const FINAL = new Set(['completed', 'failed', 'timed-out']);

export const RECORD_FILE_STATE = 'recordFileState';

export interface RecordFileStateInput {
  submissionId: string;
  outcome: Pick<FileOutcome, 'fileId' | 'reason' | 'result'> & { state: FileStateRecord['state']; escalated?: boolean };
  traceparent?: string;
}

/** Writes one file's progress for the status API; keyed by submission and file, so a retry repeats the same write. */
export function createRecordFileState(store: IngestStore) {
  return async ({ submissionId, outcome }: RecordFileStateInput): Promise<void> => {
    await store.setFileState(submissionId, {
      fileId: outcome.fileId,
      state: outcome.state,
      reason: outcome.reason,
      escalated: outcome.escalated,
      resultBlob: outcome.result?.resultBlob,
      updatedAt: new Date().toISOString(),
    });
    // Counted here, where every ending (worker, person, timeout) arrives; a retried activity may count twice.
    if (FINAL.has(outcome.state)) newsdeskMetrics().filesAnalysed.add(1, { outcome: outcome.state });
  };
}

export function registerRecordFileState(store: IngestStore): void {
  df.app.activity(RECORD_FILE_STATE, { handler: tracedActivity(RECORD_FILE_STATE, createRecordFileState(store)) });
}
