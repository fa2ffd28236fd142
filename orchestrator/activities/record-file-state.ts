import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import type { RecordFileStateInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** The states that end a file's analysis (escalated is on the way to one of them). */
const FINAL = new Set(['completed', 'failed', 'timed-out']);

/** Writes one file's progress for the status API; keyed by submission and file, so a retry repeats the same write. */
export function createRecordFileState(store: IngestStore) {
  return async ({ submissionId, outcome }: RecordFileStateInput): Promise<void> => {
    await store.setFileState(submissionId, {
      fileId: outcome.fileId,
      state: outcome.state,
      reason: outcome.reason,
      escalated: outcome.escalated,
      resultBlob: outcome.result?.resultBlob,
      analysis: outcome.state === 'completed' ? outcome.result?.summary : undefined,
      updatedAt: new Date().toISOString(),
    });
    // Counted here, where every ending (worker, person, timeout) arrives; a retried activity may count twice.
    if (FINAL.has(outcome.state)) newsdeskMetrics().filesAnalysed.add(1, { outcome: outcome.state });
  };
}

export function registerRecordFileState(store: IngestStore): void {
  registerActivity('recordFileState', createRecordFileState(store));
}
