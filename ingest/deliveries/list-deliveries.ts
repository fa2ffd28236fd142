import { app } from '@azure/functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { loadOwnSubmission } from '../submissions/load-submission.js';
import { deliveryLog } from './delivery-log.js';

/** `GET /api/submissions/{id}/deliveries`: every webhook attempt (time, status, latency) and any dead letter. */
export function createListDeliveries(deps: IngestDeps & { deliveries: DeliveryStore }) {
  return handle(async (request) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    return { status: 200, jsonBody: { submissionId: record.submissionId, ...(await deliveryLog(deps.deliveries, record.submissionId)) } };
  });
}

export function registerListDeliveries(deps: IngestDeps & { deliveries: DeliveryStore }): void {
  app.http('listDeliveries', {
    route: 'submissions/{id}/deliveries',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createListDeliveries(deps),
  });
}
