import { app } from '@azure/functions';
import { checkWebhookUrl } from '../../lib/net/webhook-url.js';
import { handle } from '../http/handle.js';
import { readJson } from '../http/read-json.js';
import type { AdminDeps } from './admin-deps.js';
import { authorizeAdmin } from './authorize-admin.js';
import { checkSenders } from './check-senders.js';
import { parseClientBody, updateClientBody } from './client-body.js';
import { clientView } from './client-view.js';
import { unknownClient } from './unknown-client.js';

/** `PATCH /api/manage/clients/{id}`: name, default webhook (SSRF-checked as a submission's), mail senders, rate limit. */
export function createUpdateClient(deps: AdminDeps) {
  return handle(async (request) => {
    await authorizeAdmin(request, deps);
    const clientId = request.params.id ?? '';
    const body = parseClientBody(updateClientBody, await readJson(request, 64 * 1024));
    const webhook =
      typeof body.defaultWebhookUrl === 'string'
        ? (await checkWebhookUrl(body.defaultWebhookUrl, { allowlist: deps.allowList, lookup: deps.lookup })).href
        : body.defaultWebhookUrl;
    if (body.mailSenders) await checkSenders(body.mailSenders, clientId, deps);
    const updated = await deps.store.updateClient(clientId, (current) => {
      if (current.deletedAt) throw unknownClient(clientId);
      const next = {
        ...current,
        ...(webhook ? { defaultWebhookUrl: webhook } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.mailSenders ? { mailSenders: body.mailSenders } : {}),
        ...(body.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: body.rateLimitPerMinute } : {}),
      };
      if (webhook === null) delete next.defaultWebhookUrl;
      return next;
    });
    if (!updated) throw unknownClient(clientId);
    return { status: 200, headers: { 'cache-control': 'no-store' }, jsonBody: clientView(updated, deps.now()) };
  });
}

export function registerUpdateClient(deps: AdminDeps): void {
  app.http('updateClient', { route: 'manage/clients/{id}', methods: ['PATCH'], authLevel: 'anonymous', handler: createUpdateClient(deps) });
}
