import { beforeEach, describe, expect, it } from 'vitest';
import { adminTestbed, ADMIN_KEY, type AdminTestbed } from '../../test/support/admin-testbed.js';
import { API_KEY, expectProblem, HOOK } from '../../test/support/ingest-testbed.js';
import { authenticate } from '../auth/authenticate.js';
import { createCreateClient } from './create-client.js';
import { createListClients } from './list-clients.js';

let tb: AdminTestbed;
beforeEach(async () => {
  tb = await adminTestbed();
});

const create = (body: unknown, headers?: Record<string, string>) =>
  tb.call(createCreateClient, 'POST', '/api/manage/clients', { body, headers });
const list = (headers?: Record<string, string>) => tb.call(createListClients, 'GET', '/api/manage/clients', { headers });

describe('POST /api/manage/clients', () => {
  it('creates a client and shows its API key and webhook secret this once', async () => {
    const answer = await tb.json<{ clientId: string; apiKey: string; webhookSecret: string }>(
      await create({ name: 'Wire desk', defaultWebhookUrl: HOOK, mailSenders: ['Wire@Agency.test'], rateLimitPerMinute: 30 }),
    );
    expect(answer.status).toBe(201);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(answer.headers.get('location')).toBe(`http://localhost:7071/api/manage/clients/${answer.body.clientId}`);
    expect(answer.body).toMatchObject({
      name: 'Wire desk',
      defaultWebhookUrl: HOOK,
      mailSenders: ['wire@agency.test'],
      rateLimitPerMinute: 30,
      apiKeys: [{ createdAt: '2026-03-01T12:00:00.000Z', ageSeconds: 0, expiresAt: null }],
    });
    expect(answer.body.apiKey).toMatch(/^nd_[A-Za-z0-9_-]{43}$/);
    expect(answer.body.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const client = await authenticate(tb.request('GET', '/api/submissions', { key: answer.body.apiKey }), tb.deps);
    expect(client).toMatchObject({ clientId: answer.body.clientId, webhookSecret: answer.body.webhookSecret });
    expect(await tb.store.clientIdBySender('wire@agency.test')).toBe(answer.body.clientId);

    // Never again: the list has neither the key, nor its hash, nor the secret.
    const listed = await tb.json<{ clients: { clientId: string }[] }>(await list());
    expect(listed.body.clients.map((c) => c.clientId)).toEqual(['desk', 'other', answer.body.clientId].sort());
    const text = JSON.stringify(listed.body);
    for (const secret of [answer.body.apiKey, answer.body.webhookSecret, client.apiKeys![0]!.hash, 's'.repeat(32)])
      expect(text).not.toContain(secret);
  });

  it('gives a client without a rate limit the default, and none of a webhook or senders', async () => {
    const answer = await tb.json(await create({ name: 'Bare' }));
    expect(answer.body).toMatchObject({ rateLimitPerMinute: 600, defaultWebhookUrl: null, mailSenders: [] });
  });

  it.each([
    ['an unknown field', { name: 'X', apiKey: 'nd_mine' }, 400, 'invalid-client'],
    ['no name', { defaultWebhookUrl: HOOK }, 400, 'invalid-client'],
    ['an empty name', { name: '  ' }, 400, 'invalid-client'],
    ['a URL that is not one', { name: 'X', defaultWebhookUrl: 'not a url' }, 422, 'invalid-webhook-url'],
    ['a webhook on a private address', { name: 'X', defaultWebhookUrl: 'https://private.example.test/hook' }, 422, 'invalid-webhook-url'],
    ['a webhook on a literal loopback address', { name: 'X', defaultWebhookUrl: 'http://127.0.0.1:7074/' }, 422, 'invalid-webhook-url'],
    ['a webhook with a ftp scheme', { name: 'X', defaultWebhookUrl: 'ftp://hooks.example.test/' }, 422, 'invalid-webhook-url'],
    ['a sender that is not an address', { name: 'X', mailSenders: ['desk at agency'] }, 400, 'invalid-client'],
    ['senders that are not a list', { name: 'X', mailSenders: 'a@b.test' }, 400, 'invalid-client'],
    ['a negative rate limit', { name: 'X', rateLimitPerMinute: -5 }, 400, 'invalid-client'],
    ['a fractional rate limit', { name: 'X', rateLimitPerMinute: 1.5 }, 400, 'invalid-client'],
    ['a rate limit given as text', { name: 'X', rateLimitPerMinute: '60' }, 400, 'invalid-client'],
    ['a body that is a list', [{ name: 'X' }], 400, 'invalid-client'],
    ['a body that is not JSON', '{"name":', 400, 'invalid-json'],
  ])('refuses %s, changing nothing', async (_what, body, status, code) => {
    const before = await tb.store.listClients();
    await expectProblem(await create(body), status, code);
    expect(await tb.store.listClients()).toEqual(before);
  });

  it('refuses a sender another client receives mail from (409), changing nothing', async () => {
    await tb.store.updateClient('desk', (c) => ({ ...c, mailSenders: ['photodesk@agency.test'] }));
    const before = await tb.store.listClients();
    await expectProblem(await create({ name: 'X', mailSenders: ['PhotoDesk@agency.test'] }), 409, 'sender-in-use');
    expect(await tb.store.listClients()).toEqual(before);
    expect(await tb.store.clientIdBySender('photodesk@agency.test')).toBe('desk');
  });

  it.each([
    ['no key', { 'x-admin-key': '' }, 401, 'missing-admin-key'],
    ['a wrong admin key', { 'x-admin-key': `${ADMIN_KEY}x` }, 401, 'invalid-admin-key'],
    ['a client API key', { 'x-admin-key': '', 'x-api-key': API_KEY }, 403, 'admin-key-required'],
    ['an unknown API key', { 'x-admin-key': '', 'x-api-key': 'nd_unknown' }, 401, 'missing-admin-key'],
  ])('answers %s with %i, creating and listing nothing', async (_what, headers, status, code) => {
    const before = await tb.store.listClients();
    await expectProblem(await create({ name: 'X' }, headers), status, code);
    await expectProblem(await list(headers), status, code);
    expect(await tb.store.listClients()).toEqual(before);
  });

  it('answers 404 when no admin key is configured', async () => {
    tb.admin.adminKey = undefined;
    await expectProblem(await create({ name: 'X' }), 404, 'admin-api-disabled');
    await expectProblem(await list(), 404, 'admin-api-disabled');
  });
});
