import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';

/** `GET /api/staff/me`: who the desk is signed in as (it shows the name, and knows the sign-in still holds). */
export function createGetMe(deps: Pick<IngestDeps, 'staff'>) {
  return handle(async (request) => {
    const { id, name } = authenticateStaff(request, deps.staff);
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: { id, name } };
  });
}

export function registerGetMe(deps: Pick<IngestDeps, 'staff'>): void {
  app.http('staffMe', { route: 'staff/me', methods: ['GET'], authLevel: 'anonymous', handler: createGetMe(deps) });
}
