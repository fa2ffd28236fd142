import { beforeEach, describe, expect, it } from 'vitest';
import { adminTestbed, type AdminTestbed } from '../../test/support/admin-testbed.js';
import { API_KEY, expectProblem, HOOK, invocationContext, MAILBOX_KEY } from '../../test/support/ingest-testbed.js';
import { authenticate } from '../auth/authenticate.js';
import { createPostEmail } from '../email/post-email.js';
import { createCreateClient } from './create-client.js';
import { createDeleteClient } from './delete-client.js';
import { createListClients } from './list-clients.js';
import { createUpdateClient } from './update-client.js';

let tb: AdminTestbed;
let created: { clientId: string; apiKey: string };
beforeEach(async () => {
  tb = await adminTestbed();
  const body = { name: 'Wire', defaultWebhookUrl: HOOK, mailSenders: ['wire@agency.test'] };
  created = (await tb.json<typeof created>(await tb.call(createCreateClient, 'POST', '/api/manage/clients', { body }))).body;
});

const patch = (body: unknown, id = created.clientId, headers?: Record<string, string>) =>
  tb.call(createUpdateClient, 'PATCH', `/api/manage/clients/${id}`, { body, params: { id }, headers });
const remove = (id = created.clientId) => tb.call(createDeleteClient, 'DELETE', `/api/manage/clients/${id}`, { params: { id } });
const as = (key: string) => authenticate(tb.request('GET', '/api/submissions', { key }), tb.deps);
const mail = () =>
  createPostEmail(tb.deps)(
    tb.request('POST', '/api/submissions/email', {
      key: MAILBOX_KEY,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...{ from: 'Wire <wire@agency.test>', to: 'newsdesk@agency.test', subject: 'Fire', receivedDateTime: '2026-03-01T12:00:00Z' },
        ...{ internetMessageId: '<fire@agency.test>', attachments: [] },
        // Authenticated as Exchange Online says so: only then does the sender's client count.
        ...{ envelopeFrom: '<wire@agency.test>', authenticationResults: 'dmarc=pass action=none header.from=agency.test' },
      }),
    }),
    invocationContext(),
  );

describe('PATCH /api/manage/clients/{id}', () => {
  it('sets the default webhook, the senders and the rate limit; null removes the webhook', async () => {
    const updated = await tb.json(
      await patch({ defaultWebhookUrl: `${HOOK}/v2`, mailSenders: ['Desk2@Agency.test'], rateLimitPerMinute: 5 }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      name: 'Wire',
      defaultWebhookUrl: `${HOOK}/v2`,
      mailSenders: ['desk2@agency.test'],
      rateLimitPerMinute: 5,
    });
    expect(await tb.store.clientIdBySender('desk2@agency.test')).toBe(created.clientId);
    expect(await tb.store.clientIdBySender('wire@agency.test')).toBeUndefined();
    expect((await tb.json(await patch({ defaultWebhookUrl: null }))).body).toMatchObject({ defaultWebhookUrl: null });
    expect((await tb.store.getClient(created.clientId))?.defaultWebhookUrl).toBeUndefined();
  });

  it.each([
    ['an empty body', {}, 400, 'invalid-client'],
    ['an unknown field', { webhookSecret: 'mine' }, 400, 'invalid-client'],
    ['a webhook on a private address', { defaultWebhookUrl: 'https://private.example.test/hook' }, 422, 'invalid-webhook-url'],
    ['a webhook that is not a URL', { defaultWebhookUrl: '//hooks' }, 422, 'invalid-webhook-url'],
    ['a bad sender', { mailSenders: ['@agency.test'] }, 400, 'invalid-client'],
    ['a negative rate limit', { rateLimitPerMinute: -1 }, 400, 'invalid-client'],
  ])('refuses %s, changing nothing', async (_what, body, status, code) => {
    const before = await tb.store.listClients();
    await expectProblem(await patch(body), status, code);
    expect(await tb.store.listClients()).toEqual(before);
  });

  it('refuses an unknown client (404) and a client key (403), changing nothing', async () => {
    const before = await tb.store.listClients();
    await expectProblem(await patch({ rateLimitPerMinute: 5 }, 'c-nobody'), 404, 'unknown-client');
    await expectProblem(
      await patch({ rateLimitPerMinute: 5 }, created.clientId, { 'x-admin-key': '', 'x-api-key': API_KEY }),
      403,
      'admin-key-required',
    );
    expect(await tb.store.listClients()).toEqual(before);
  });
});

describe('DELETE /api/manage/clients/{id}', () => {
  it('stops its keys, refuses its senders’ mail with 410, hides it from the list, and answers 404 after', async () => {
    expect((await as(created.apiKey)).clientId).toBe(created.clientId);
    expect((await remove()).status).toBe(204);
    await expect(as(created.apiKey)).rejects.toMatchObject({ status: 401, code: 'client-deleted' });
    await expectProblem(await mail(), 410, 'client-deleted');
    expect(await tb.stored()).toEqual({ blobs: [], submissions: [], events: [] });
    const listed = await tb.json<{ clients: { clientId: string }[] }>(await tb.call(createListClients, 'GET', '/api/manage/clients'));
    expect(listed.body.clients.map((c) => c.clientId)).toEqual(['desk', 'other']);

    const before = await tb.store.listClients();
    await expectProblem(await remove(), 404, 'unknown-client');
    await expectProblem(await patch({ rateLimitPerMinute: 5 }), 404, 'unknown-client');
    expect(await tb.store.listClients()).toEqual(before);
  });

  it('frees its senders for another client', async () => {
    await remove();
    expect((await patch({ mailSenders: ['wire@agency.test'] }, 'desk')).status).toBe(200);
    expect(await tb.store.clientIdBySender('wire@agency.test')).toBe('desk');
  });

  it('answers an unknown client with 404', async () => {
    await expectProblem(await remove('c-nobody'), 404, 'unknown-client');
  });
});
