import type { FileStateRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { failedInstanceId, fileInstanceId } from '../../contracts/ids.js';
import { ORCHESTRATION, type FailSubmissionInput } from '../../contracts/orchestrations.js';
import { INTERRUPTED_REASON } from '../../contracts/submission-summary.js';
import type { ReconcileDeps } from './reconcile-settings.js';
import { runtimeStatusOf } from './runtime-status-of.js';

const LIVE = new Set(['Running', 'Pending', 'Suspended']);
const ENDED_FILE = new Set<FileStateRecord['state']>(['completed', 'failed', 'timed-out']);

/**
 * After the record moved to `failed`: stops the file analyses its dead orchestration left waiting (they would record
 * an ending after this one), fails the files that never ended, and starts `failSubmission`, which tells operations
 * and delivers the `failed` summary through the ordinary signed delivery.
 */
export async function failDeadSubmission(deps: ReconcileDeps, record: SubmissionRecord, found: string): Promise<void> {
  const id = record.submissionId;
  for (const f of record.files) {
    const instance = fileInstanceId(id, f.fileId);
    if (LIVE.has((await runtimeStatusOf(deps.durable, instance)) ?? '')) await deps.durable.terminate(instance, INTERRUPTED_REASON);
  }
  const states = await deps.store.fileStates(id);
  const files: FailSubmissionInput['files'] = {};
  for (const f of record.files) {
    const recorded = states[f.fileId];
    if (recorded && ENDED_FILE.has(recorded.state)) {
      const { state, escalated = false, reason = null, analysis } = recorded;
      files[f.fileId] = { state: state as FailSubmissionInput['files'][string]['state'], escalated, reason, analysis };
      continue;
    }
    files[f.fileId] = { state: 'failed', escalated: recorded?.escalated ?? false, reason: INTERRUPTED_REASON };
    const updatedAt = deps.now().toISOString();
    await deps.store.updateFileState(id, f.fileId, (current) =>
      current && ENDED_FILE.has(current.state)
        ? undefined
        : { ...current, fileId: f.fileId, state: 'failed', reason: INTERRUPTED_REASON, updatedAt },
    );
    await deps.store.removeEscalation(id, f.fileId);
  }
  const input: FailSubmissionInput = {
    submission: {
      submissionId: id,
      clientId: record.clientId,
      reference: record.reference,
      receivedAt: record.receivedAt,
      files: record.files,
      webhook: { url: record.webhookUrl },
    },
    files,
    reason: INTERRUPTED_REASON,
    found,
    settings: deps.pipeline.delivery,
    retry: deps.pipeline.activityRetry,
    publicUrl: deps.pipeline.publicUrl,
  };
  // Only the pass that moved the record gets here, so this starts it once; were it there already, it is left alone.
  if ((await runtimeStatusOf(deps.durable, failedInstanceId(id))) === undefined)
    await deps.durable.startNew(ORCHESTRATION.failSubmission, { instanceId: failedInstanceId(id), input });
}
