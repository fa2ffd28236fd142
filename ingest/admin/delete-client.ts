import { app } from '@azure/functions';
import { handle } from '../http/handle.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { unknownClient } from './unknown-client.js';

/**
 * `DELETE /api/manage/clients/{id}`: marks the client deleted. Its key and sender rows stay, so a key answers
 * `client-deleted` and its senders' mail `410` rather than an unexplained refusal; its submissions are kept.
 */
export function createDeleteClient(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const clientId = request.params.id ?? '';
    const deletedAt = deps.now().toISOString();
    const deleted = await deps.store.updateClient(clientId, (current) => {
      if (current.deletedAt) throw unknownClient(clientId);
      return { ...current, deletedAt };
    });
    if (!deleted) throw unknownClient(clientId);
    return { status: 204 };
  });
}

export function registerDeleteClient(deps: AdminDeps): void {
  app.http('deleteClient', {
    route: 'manage/clients/{id}',
    methods: ['DELETE'],
    authLevel: 'anonymous',
    handler: createDeleteClient(deps),
  });
}
