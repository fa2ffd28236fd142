import type { DurableClient } from 'durable-functions';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { cancelInstanceId, fileInstanceId, submissionInstanceId } from '../../contracts/ids.js';
import { ORCHESTRATION, type CancelSubmissionInput, type PipelineSettings } from '../../contracts/orchestrations.js';
import { CANCELLED_REASON } from '../../contracts/submission-summary.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';

const FINAL = new Set(['completed', 'partial', 'failed', 'cancelled']);
const LIVE = new Set(['Running', 'Pending', 'Suspended']);

/**
 * Cancels a submission, whoever asks (its client, or staff at the desk): marks it cancelled (workers skip its queued
 * jobs), terminates its orchestrations, and starts a durable compensation that cleans storage and tells the client
 * through its webhook. 409 when it has finished already. Returns the 202 answer's body.
 */
export async function cancelRecord(
  deps: Pick<IngestDeps, 'store'> & { settings: PipelineSettings },
  durable: DurableClient,
  record: SubmissionRecord,
): Promise<{ submissionId: string; status: 'cancelled' }> {
  if (FINAL.has(record.status)) throw new HttpError(409, 'already-finished', 'Already finished', `The submission is ${record.status}.`);
  await deps.store.updateSubmission(record.submissionId, { status: 'cancelled' });
  const ids = [submissionInstanceId(record.submissionId), ...record.files.map((f) => fileInstanceId(record.submissionId, f.fileId))];
  for (const id of ids) {
    const status = await durable.getStatus(id).catch(() => undefined);
    if (status && LIVE.has(String(status.runtimeStatus))) await durable.terminate(id, CANCELLED_REASON).catch(() => undefined);
  }
  const input: CancelSubmissionInput = {
    submission: {
      submissionId: record.submissionId,
      clientId: record.clientId,
      reference: record.reference,
      receivedAt: record.receivedAt,
      files: record.files,
      webhook: { url: record.webhookUrl },
    },
    settings: deps.settings.delivery,
    retry: deps.settings.activityRetry,
    publicUrl: deps.settings.publicUrl,
  };
  await durable
    .startNew(ORCHESTRATION.cancelSubmission, { instanceId: cancelInstanceId(record.submissionId), input })
    .catch(() => undefined);
  return { submissionId: record.submissionId, status: 'cancelled' };
}
