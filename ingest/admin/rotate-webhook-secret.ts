import { app } from '@azure/functions';
import { handle } from '../http/handle.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { newWebhookSecret } from './new-webhook-secret.js';
import { rotationInProgress } from './rotation-in-progress.js';
import { unknownClient } from './unknown-client.js';

/**
 * `POST /api/manage/clients/{id}/webhook-secret:rotate`: a new webhook secret, shown once. Deliveries are signed with
 * both, the new one first, until the overlap (NEWSDESK_KEY_OVERLAP) ends, so the receiver can switch at any moment.
 */
export function createRotateWebhookSecret(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const clientId = request.params.id ?? '';
    const now = deps.now();
    const expiresAt = new Date(now.getTime() + deps.keyOverlapMs).toISOString();
    const webhookSecret = newWebhookSecret();
    const rotated = await deps.store.updateClient(clientId, (current) => {
      if (current.deletedAt) throw unknownClient(clientId);
      const previous = current.previousWebhookSecret;
      if (previous && Date.parse(previous.expiresAt) > now.getTime()) throw rotationInProgress('webhook secret', previous.expiresAt);
      return {
        ...current,
        webhookSecret,
        webhookSecretCreatedAt: now.toISOString(),
        previousWebhookSecret: { secret: current.webhookSecret, createdAt: current.webhookSecretCreatedAt, expiresAt },
      };
    });
    if (!rotated) throw unknownClient(clientId);
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: { clientId, webhookSecret, previousSecretExpiresAt: expiresAt },
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
