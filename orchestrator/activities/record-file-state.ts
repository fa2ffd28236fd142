import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import type { RecordFileStateInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** The states that end a file's analysis (escalated is on the way to one of them). */
const FINAL = new Set(['completed', 'failed', 'timed-out']);

/**
 * Writes one file's progress for the status API; keyed by submission and file, so a retry repeats the same write.
 * An escalated file joins the desk's escalation queue until its analysis ends.
 */
export function createRecordFileState(store: IngestStore) {
  return async ({ submissionId, outcome, graceUntil }: RecordFileStateInput): Promise<void> => {
    const at = new Date().toISOString();
    await store.updateFileState(submissionId, outcome.fileId, (current) => ({
      fileId: outcome.fileId,
      state: outcome.state,
      reason: outcome.reason,
      escalated: outcome.escalated,
      resultBlob: outcome.result?.resultBlob,
      analysis: outcome.state === 'completed' ? outcome.result?.summary : undefined,
      updatedAt: at,
      // An editor's resolution is recorded before their event reaches the orchestration: its final state keeps it.
      resolution: current?.resolution,
    }));
    if (outcome.state === 'escalated' && graceUntil)
      await store.putEscalation({ submissionId, fileId: outcome.fileId, escalatedAt: at, deadline: graceUntil });
    if (FINAL.has(outcome.state) && outcome.escalated) await store.removeEscalation(submissionId, outcome.fileId);
    // Counted here, where every ending (worker, person, timeout) arrives; a retried activity may count twice.
    if (FINAL.has(outcome.state)) newsdeskMetrics().filesAnalysed.add(1, { outcome: outcome.state });
  };
}

export function registerRecordFileState(store: IngestStore): void {
  registerActivity('recordFileState', createRecordFileState(store));
}
