import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { cancelInstanceId, fileInstanceId, submissionInstanceId } from '../../contracts/ids.js';
import { ORCHESTRATION, type CancelSubmissionInput, type PipelineSettings } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { loadOwnSubmission } from './load-submission.js';
import { CANCELLED_REASON } from '../../contracts/submission-summary.js';

const FINAL = new Set(['completed', 'partial', 'failed', 'cancelled']);
const LIVE = new Set(['Running', 'Pending', 'Suspended']);

/**
 * `DELETE /api/submissions/{id}`: marks the submission cancelled (workers skip its queued jobs),
 * terminates its orchestrations, and starts a durable compensation that cleans storage and tells
 * the client through its webhook.
 */
export function createCancelSubmission(deps: IngestDeps & { settings: PipelineSettings }) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    if (FINAL.has(record.status)) throw new HttpError(409, 'already-finished', 'Already finished', `The submission is ${record.status}.`);
    await deps.store.updateSubmission(record.submissionId, { status: 'cancelled' });
    const durable = df.getClient(context);
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
      publicUrl: deps.settings.publicUrl,
    };
    await durable
      .startNew(ORCHESTRATION.cancelSubmission, { instanceId: cancelInstanceId(record.submissionId), input })
      .catch(() => undefined);
    return { status: 202, jsonBody: { submissionId: record.submissionId, status: 'cancelled' } };
  });
}

export function registerCancelSubmission(deps: IngestDeps & { settings: PipelineSettings }): void {
  app.http('deleteSubmission', {
    route: 'submissions/{id}',
    methods: ['DELETE'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createCancelSubmission(deps),
  });
}
