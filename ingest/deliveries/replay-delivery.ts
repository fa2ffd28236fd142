import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import { deliveryIdOf, redeliverInstanceId } from '../../contracts/ids.js';
import { ORCHESTRATION, type PipelineSettings, type RedeliverInput } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { loadOwnSubmission } from '../submissions/load-submission.js';

// A cancelled submission has no summary to send again: its one `cancelled` notice went out, and its results are gone.
const FINAL = new Set(['completed', 'partial', 'failed']);

/** `POST /api/submissions/{id}/deliveries/replay`: sends the summary again, with a new delivery id, on the same retry policy. */
export function createReplayDelivery(deps: IngestDeps & { deliveries: DeliveryStore; settings: PipelineSettings }) {
  return handle(async (request, context) => {
    const client = await authenticate(request, deps);
    const record = await loadOwnSubmission(deps, client.clientId, request.params.id ?? '');
    if (record.status === 'cancelled')
      throw new HttpError(409, 'cancelled', 'Submission cancelled', 'A cancelled submission has no summary to replay.');
    if (!FINAL.has(record.status))
      throw new HttpError(409, 'not-finished', 'Not finished yet', 'There is no summary to replay until the submission has finished.');
    // Allocated, not counted from the attempts recorded so far: while the first delivery's attempt is still
    // under way it is not recorded yet, and a count would hand the replay the first delivery's own id.
    const deliveryId = deliveryIdOf(record.submissionId, await deps.deliveries.allocateDeliveryNumber(record.submissionId));
    const input: RedeliverInput = {
      submissionId: record.submissionId,
      webhookUrl: record.webhookUrl,
      deliveryId,
      settings: deps.settings.delivery,
    };
    const durable = df.getClient(context);
    try {
      await durable.startNew(ORCHESTRATION.redeliver, { instanceId: redeliverInstanceId(deliveryId), input });
    } catch {
      throw new HttpError(409, 'replay-in-progress', 'Replay in progress', `Delivery ${deliveryId} is already being sent.`);
    }
    return { status: 202, jsonBody: { submissionId: record.submissionId, deliveryId } };
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
