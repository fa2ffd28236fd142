import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { PipelineSettings } from '../../contracts/orchestrations.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { cancelRecord } from '../submissions/cancel-record.js';
import { loadStaffSubmission } from './load-staff-submission.js';

type Deps = Pick<IngestDeps, 'store' | 'staff'> & { settings: PipelineSettings };

/** `POST /api/staff/submissions/{id}/cancel`: staff cancel any client's submission, exactly as its client would. */
export function createStaffCancel(deps: Deps) {
  return handle(async (request, context) => {
    authenticateStaff(request, deps.staff);
    const record = await loadStaffSubmission(deps, request.params.id ?? '');
    return { status: 202, jsonBody: await cancelRecord(deps, df.getClient(context), record) };
  });
}

export function registerStaffCancel(deps: Deps): void {
  app.http('staffCancelSubmission', {
    route: 'staff/submissions/{id}/cancel',
    methods: ['POST'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createStaffCancel(deps),
  });
}
