import { app } from '@azure/functions';
import { handle } from '../http/handle.js';
import { generateApiKey, hashApiKey } from '../security/api-key.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { rotationInProgress } from './rotation-in-progress.js';
import { unknownClient } from './unknown-client.js';

/**
 * `POST /api/manage/clients/{id}/keys:rotate`: a new API key, shown once. The key it replaces keeps working for the
 * overlap (NEWSDESK_KEY_OVERLAP), then expires; keys whose overlap has ended are dropped here.
 */
export function createRotateKey(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const clientId = request.params.id ?? '';
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + deps.keyOverlapMs).toISOString();
    const apiKey = generateApiKey();
    const rotated = await deps.store.updateClient(clientId, (current) => {
      if (current.deletedAt) throw unknownClient(clientId);
      const live = (current.apiKeys ?? []).filter((k) => !k.expiresAt || Date.parse(k.expiresAt) > now.getTime());
      const running = live.find((k) => k.expiresAt);
      if (running) throw rotationInProgress('key', running.expiresAt!);
      const replaced = live.map((k) => ({ ...k, expiresAt }));
      return { ...current, apiKeys: [{ hash: hashApiKey(apiKey), createdAt: now.toISOString() }, ...replaced] };
    });
    if (!rotated) throw unknownClient(clientId);
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: { clientId, apiKey, previousKeyExpiresAt: rotated.apiKeys!.length > 1 ? expiresAt : null },
    };
  });
}

export function registerRotateKey(deps: AdminDeps): void {
  app.http('rotateClientKey', {
    route: 'manage/clients/{id}/keys:rotate',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createRotateKey(deps),
  });
}
