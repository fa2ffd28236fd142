import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { rowFeed } from './row-feed.js';

/** `GET /api/staff/events`: every client's new and changed submissions as they happen (`event: submission`, a SubmissionRow). */
export function createStaffEvents(deps: Pick<IngestDeps, 'staff' | 'store' | 'now'>) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    return rowFeed(deps, {});
  });
}

export function registerStaffEvents(deps: Pick<IngestDeps, 'staff' | 'store' | 'now'>): void {
  app.http('staffEvents', { route: 'staff/events', methods: ['GET'], authLevel: 'anonymous', handler: createStaffEvents(deps) });
}
