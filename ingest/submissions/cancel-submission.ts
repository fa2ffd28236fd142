import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { PipelineSettings } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { loadOwnSubmission } from './load-submission.js';
import { cancelRecord } from './cancel-record.js';

/** `DELETE /api/submissions/{id}`: the client cancels its own submission (cancel-record.ts says what that does). */
export function createCancelSubmission(deps: IngestDeps & { settings: PipelineSettings }) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    return { status: 202, jsonBody: await cancelRecord(deps, df.getClient(context), record) };
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
