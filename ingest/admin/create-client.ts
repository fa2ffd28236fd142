import { app } from '@azure/functions';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import { checkWebhookUrl } from '../../lib/net/webhook-url.js';
import { handle } from '../http/handle.js';
import { readJson } from '../http/read-json.js';
import { generateApiKey, hashApiKey } from '../security/api-key.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { checkSenders } from './check-senders.js';
import { createClientBody, parseClientBody } from './client-body.js';
import { clientView } from './client-view.js';
import { newWebhookSecret } from './new-webhook-secret.js';

/** `POST /api/manage/clients`: a new client; its API key and webhook secret are in this answer only, never again. */
export function createCreateClient(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const body = parseClientBody(createClientBody, await readJson(request, 64 * 1024));
    const webhook =
      body.defaultWebhookUrl && (await checkWebhookUrl(body.defaultWebhookUrl, { allowlist: deps.allowList, lookup: deps.lookup }));
    const clientId = deps.newId('c');
    await checkSenders(body.mailSenders, clientId, deps);
    const now = deps.now();
    const [apiKey, webhookSecret] = [generateApiKey(), newWebhookSecret()];
    const client: ClientRecord = {
      clientId,
      name: body.name,
      webhookSecret,
      webhookSecretCreatedAt: now.toISOString(),
      rateLimitPerMinute: body.rateLimitPerMinute ?? deps.defaultRateLimitPerMinute,
      ...(webhook ? { defaultWebhookUrl: webhook.href } : {}),
      mailSenders: body.mailSenders,
      apiKeys: [{ hash: hashApiKey(apiKey), createdAt: now.toISOString() }],
      createdAt: now.toISOString(),
    };
    if (!(await deps.store.createClient(client))) throw new Error(`client id ${clientId} is taken`);
    return {
      status: 201,
      headers: { location: `${new URL(request.url).origin}/api/manage/clients/${clientId}`, 'cache-control': 'no-store' },
      jsonBody: { ...clientView(client, now), apiKey, webhookSecret },
    };
  });
}

export function registerCreateClient(deps: AdminDeps): void {
  app.http('createClient', { route: 'manage/clients', methods: ['POST'], authLevel: 'anonymous', handler: createCreateClient(deps) });
}
