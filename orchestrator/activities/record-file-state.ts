import * as df from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import type { FileStateRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';

export const RECORD_FILE_STATE = 'recordFileState';

export interface RecordFileStateInput {
  submissionId: string;
  outcome: Pick<FileOutcome, 'fileId' | 'reason' | 'result'> & { state: FileStateRecord['state']; escalated?: boolean };
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
  };
}

export function registerRecordFileState(store: IngestStore): void {
  df.app.activity(RECORD_FILE_STATE, { handler: createRecordFileState(store) });
}
