import { app } from '@azure/functions';
import type { AdminDeps } from './admin-deps.js';
import { newWebhookSecret } from './new-webhook-secret.js';
import { rotateClient } from './rotate-client.js';
import { rotationInProgress } from './rotation-in-progress.js';

/**
 * `POST /api/manage/clients/{id}/webhook-secret:rotate`: a new webhook secret, shown once. Deliveries are signed with
 * both, the new one first, until the overlap (NEWSDESK_KEY_OVERLAP) ends, so the receiver can switch at any moment.
 */
export function createRotateWebhookSecret(deps: AdminDeps) {
  return rotateClient(deps, (now, expiresAt) => {
    const webhookSecret = newWebhookSecret();
    return {
      update: (current) => {
        const previous = current.previousWebhookSecret;
        if (previous && Date.parse(previous.expiresAt) > now.getTime()) throw rotationInProgress('webhook secret', previous.expiresAt);
        return {
          ...current,
          webhookSecret,
          webhookSecretCreatedAt: now.toISOString(),
          previousWebhookSecret: { secret: current.webhookSecret, createdAt: current.webhookSecretCreatedAt, expiresAt },
        };
      },
      body: () => ({ webhookSecret, previousSecretExpiresAt: expiresAt }),
    };
  });
}

export function registerRotateWebhookSecret(deps: AdminDeps): void {
  app.http('rotateWebhookSecret', {
    route: 'manage/clients/{id}/webhook-secret:rotate',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createRotateWebhookSecret(deps),
  });
}
