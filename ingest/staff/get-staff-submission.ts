import { app } from '@azure/functions';
import * as df from 'durable-functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { deliveryLog } from '../deliveries/delivery-log.js';
import { deliveredFiles } from '../results/delivered-files.js';
import { orchestrationStatus } from '../submissions/orchestration-status.js';
import { submissionView } from '../submissions/submission-view.js';
import { deliveredAt, deskDeliveries } from './desk-deliveries.js';
import { staffFileAssets } from './staff-file-assets.js';
import { loadStaffSubmission } from './load-staff-submission.js';
import { fileTimeline } from './file-timeline.js';

export type StaffSubmissionDeps = Pick<IngestDeps, 'staff' | 'store' | 'blobs' | 'now'> & { deliveries: DeliveryStore };

/**
 * `GET /api/staff/submissions/{id}`: any client's submission as the client sees it (submission-view.ts), with whose it
 * is, its deliveries log, and on each file its pictures as short-lived URLs, its timeline and an editor's resolution.
 */
export function createGetStaffSubmission(deps: StaffSubmissionDeps) {
  return handle(async (request, context) => {
    authenticateStaff(request, deps.staff);
    const record = await loadStaffSubmission(deps, request.params.id ?? '');
    const [orchestration, recorded, delivered, client, log] = await Promise.all([
      orchestrationStatus(context, record.submissionId),
      deps.store.fileStates(record.submissionId),
      deliveredFiles(deps, record),
      deps.store.getClient(record.clientId),
      deliveryLog(deps.deliveries, record.submissionId),
    ]);
    const view = submissionView(record, orchestration, new URL(request.url).origin, recorded, delivered);
    const delivery = deliveredAt(log);
    const files = await Promise.all(
      view.files.map(async (f, i) => {
        const state = recorded[f.fileId];
        return {
          ...f,
          assets: await staffFileAssets(deps, record.submissionId, record.files[i]!),
          timeline: fileTimeline(record, state, delivery),
          ...(state?.resolution ? { resolution: state.resolution } : {}),
        };
      }),
    );
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: {
        ...view,
        files,
        clientId: record.clientId,
        clientName: client?.name ?? record.clientId,
        deliveries: deskDeliveries(log),
        deadLetter: log.deadLetter,
      },
    };
  });
}

export function registerGetStaffSubmission(deps: StaffSubmissionDeps): void {
  app.http('staffSubmission', {
    route: 'staff/submissions/{id}',
    methods: ['GET'],
    authLevel: 'anonymous',
    extraInputs: [df.input.durableClient()],
    handler: createGetStaffSubmission(deps),
  });
}
