import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';

/** `GET /api/staff/clients`: the clients that are not deleted, by id and name only (the desk's client filter). */
export function createListStaffClients(deps: Pick<IngestDeps, 'staff' | 'store'>) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    const clients = (await deps.store.listClients()).filter((c) => !c.deletedAt).map(({ clientId, name }) => ({ clientId, name }));
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: { clients } };
  });
}

export function registerListStaffClients(deps: Pick<IngestDeps, 'staff' | 'store'>): void {
  app.http('staffClients', { route: 'staff/clients', methods: ['GET'], authLevel: 'anonymous', handler: createListStaffClients(deps) });
}
