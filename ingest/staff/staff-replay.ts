import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { PipelineSettings } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { replayRecord } from '../deliveries/replay-record.js';
import { loadStaffSubmission } from './load-staff-submission.js';

type Deps = Pick<IngestDeps, 'store' | 'staff'> & { deliveries: DeliveryStore; settings: PipelineSettings };

/**
 * `POST /api/staff/submissions/{id}/deliveries/{deliveryId}/replay`: staff replay a delivery the desk lists, for any
 * client, exactly as the client would: the summary goes again under a new delivery id.
 */
export function createStaffReplay(deps: Deps) {
  return handle(async (request, context) => {
    authenticateStaff(request, deps.staff);
    const record = await loadStaffSubmission(deps, request.params.id ?? '');
    const deliveryId = request.params.deliveryId ?? '';
    const [attempts, deadLetter] = await Promise.all([
      deps.deliveries.listAttempts(record.submissionId),
      deps.deliveries.getDeadLetter(record.submissionId),
    ]);
    if (!attempts.some((a) => a.deliveryId === deliveryId) && deadLetter?.deliveryId !== deliveryId)
      throw new HttpError(
        404,
        'delivery-not-found',
        'Delivery not found',
        `No delivery '${deliveryId}' of submission '${record.submissionId}'.`,
      );
    return { status: 202, jsonBody: await replayRecord(deps, df.getClient(context), record) };
  });
}

export function registerStaffReplay(deps: Deps): void {
  app.http('staffReplayDelivery', {
    route: 'staff/submissions/{id}/deliveries/{deliveryId}/replay',
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createStaffReplay(deps),
  });
}
