import { app } from '@azure/functions';
import { resultBlobOf } from '../../contracts/ids.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { deliveredFiles } from './delivered-files.js';
import { fileView } from './file-view.js';
import { loadOwnFile } from './load-file.js';

/**
 * `GET /api/submissions/{id}/files/{fileId}`: one file in the webhook's per-file shape, and once a worker analysed
 * it, `result`: the complete analysis.json it wrote (keyframes with timestamps, every OCR line, every object box).
 * A file still in progress answers 200 with its state and no analysis.
 */
export function createGetFile(deps: IngestDeps) {
  return handle(async (request) => {
    const client = await authenticate(request, deps);
    const { record, file } = await loadOwnFile(deps, client.clientId, request.params);
    const recorded = (await deps.store.fileStates(record.submissionId))[file.fileId];
    const progress = recorded ?? { state: record.status === 'received' ? 'received' : 'queued' };
    const delivered = (await deliveredFiles(deps, record)).get(file.fileId);
    const origin = new URL(request.url).origin;
    const view = fileView(record.submissionId, file, progress, delivered, { origin, cancelled: record.status === 'cancelled' });
    // As written, not parsed: a field the worker adds reaches the client without a change here.
    const result =
      view.analysis?.source === 'worker' ? await deps.blobs.readJson(resultBlobOf(record.submissionId, file.fileId)) : undefined;
    return { status: 200, jsonBody: { ...view, result: result ?? null } };
  });
}

export function registerGetFile(deps: IngestDeps): void {
  app.http('getFile', { route: 'submissions/{id}/files/{fileId}', methods: ['GET'], authLevel: 'anonymous', handler: createGetFile(deps) });
}
