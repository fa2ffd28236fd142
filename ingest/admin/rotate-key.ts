import { app } from '@azure/functions';
import { generateApiKey, hashApiKey } from '../security/api-key.js';
import type { AdminDeps } from './admin-deps.js';
import { rotateClient } from './rotate-client.js';
import { rotationInProgress } from './rotation-in-progress.js';

/**
 * `POST /api/manage/clients/{id}/keys:rotate`: a new API key, shown once. The key it replaces keeps working for the
 * overlap (NEWSDESK_KEY_OVERLAP), then expires; keys whose overlap has ended are dropped here.
 */
export function createRotateKey(deps: AdminDeps) {
  return rotateClient(deps, (now, expiresAt) => {
    const apiKey = generateApiKey();
    return {
      update: (current) => {
        const live = (current.apiKeys ?? []).filter((k) => !k.expiresAt || Date.parse(k.expiresAt) > now.getTime());
        const running = live.find((k) => k.expiresAt);
        if (running) throw rotationInProgress('key', running.expiresAt!);
        const replaced = live.map((k) => ({ ...k, expiresAt }));
        return { ...current, apiKeys: [{ hash: hashApiKey(apiKey), createdAt: now.toISOString() }, ...replaced] };
      },
      body: (rotated) => ({ apiKey, previousKeyExpiresAt: rotated.apiKeys!.length > 1 ? expiresAt : null }),
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
