import type { HttpHandler } from '@azure/functions';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import { handle } from '../http/handle.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { unknownClient } from './unknown-client.js';

/** One credential's rotation, made once a request: the new credential already generated, so a retried update reuses it. */
export interface Rotation {
  /** The client with the new credential, the replaced one expiring at `expiresAt`; throws rotation-in-progress. */
  update(current: ClientRecord): ClientRecord;
  /** What the response shows besides the client id: the new credential (this once) and when the old one expires. */
  body(rotated: ClientRecord): Record<string, unknown>;
}

/**
 * `POST /api/manage/clients/{id}/…:rotate`: replaces one of a live client's credentials, the old one working on for the
 * overlap (NEWSDESK_KEY_OVERLAP). `rotation` makes the credential's own step from the request's time and that expiry.
 */
export function rotateClient(deps: AdminDeps, rotation: (now: Date, expiresAt: string) => Rotation): HttpHandler {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const clientId = request.params.id ?? '';
    const now = deps.now();
    const step = rotation(now, new Date(now.getTime() + deps.keyOverlapMs).toISOString());
    const rotated = await deps.store.updateClient(clientId, (current) => {
      if (current.deletedAt) throw unknownClient(clientId);
      return step.update(current);
    });
    if (!rotated) throw unknownClient(clientId);
    // The new credential is in the body: no cache may keep it.
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: { clientId, ...step.body(rotated) } };
  });
}
