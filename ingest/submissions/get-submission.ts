import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { loadOwnSubmission } from './load-submission.js';
import { orchestrationStatus } from './orchestration-status.js';
import { submissionView } from './submission-view.js';
import { deliveredFiles } from '../results/delivered-files.js';

/** `GET /api/submissions/{id}`: per-file state and, once a file is done, its analysis and links; progress, escalations. */
export function createGetSubmission(deps: IngestDeps) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    const orchestration = await orchestrationStatus(context, record.submissionId);
    const [recorded, delivered] = await Promise.all([deps.store.fileStates(record.submissionId), deliveredFiles(deps, record)]);
    return { status: 200, jsonBody: submissionView(record, orchestration, new URL(request.url).origin, recorded, delivered) };
  });
}

export function registerGetSubmission(deps: IngestDeps): void {
  app.http('getSubmission', {
    route: 'submissions/{id}',
    methods: ['GET'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createGetSubmission(deps),
  });
}
