import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { PipelineSettings } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { loadOwnSubmission } from '../submissions/load-submission.js';
import { replayRecord } from './replay-record.js';

/** `POST /api/submissions/{id}/deliveries/replay`: the client has its summary sent again (replay-record.ts). */
export function createReplayDelivery(deps: IngestDeps & { deliveries: DeliveryStore; settings: PipelineSettings }) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    return { status: 202, jsonBody: await replayRecord(deps, df.getClient(context), record) };
  });
}

export function registerReplayDelivery(deps: IngestDeps & { deliveries: DeliveryStore; settings: PipelineSettings }): void {
  app.http('replayDelivery', {
    route: 'submissions/{id}/deliveries/replay',
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createReplayDelivery(deps),
  });
}
