import { app } from '@azure/functions';
import { handle } from '../http/handle.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { clientView } from './client-view.js';

/** `GET /api/manage/clients`: every client that is not deleted, without secrets or key hashes. */
export function createListClients(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const now = deps.now();
    const clients = (await deps.store.listClients()).filter((c) => !c.deletedAt).map((c) => clientView(c, now));
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: { clients } };
  });
}

export function registerListClients(deps: AdminDeps): void {
  app.http('listClients', { route: 'manage/clients', methods: ['GET'], authLevel: 'anonymous', handler: createListClients(deps) });
}
