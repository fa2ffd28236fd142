import { beforeEach, describe, expect, it } from 'vitest';
import { signingSecrets } from '../../adapters/ingest-store/signing-secrets.js';
import { adminTestbed, DAY_MS, type AdminTestbed } from '../../test/support/admin-testbed.js';
import { API_KEY, expectProblem } from '../../test/support/ingest-testbed.js';
import { authenticate } from '../auth/authenticate.js';
import { hashApiKey } from '../security/api-key.js';
import { createCreateClient } from './create-client.js';
import { createRotateKey } from './rotate-key.js';
import { createRotateWebhookSecret } from './rotate-webhook-secret.js';

let tb: AdminTestbed;
let created: { clientId: string; apiKey: string; webhookSecret: string };
beforeEach(async () => {
  tb = await adminTestbed();
  created = (await tb.json<typeof created>(await tb.call(createCreateClient, 'POST', '/api/manage/clients', { body: { name: 'Wire' } })))
    .body;
});

const rotateKey = (id = created.clientId, headers?: Record<string, string>) =>
  tb.call(createRotateKey, 'POST', `/api/manage/clients/${id}/keys:rotate`, { params: { id }, headers });
const rotateSecret = (id = created.clientId) =>
  tb.call(createRotateWebhookSecret, 'POST', `/api/manage/clients/${id}/webhook-secret:rotate`, { params: { id } });
const as = (key: string) => authenticate(tb.request('GET', '/api/submissions', { key }), tb.deps);
const later = (days: number) => (tb.clock.now = new Date(tb.clock.now.getTime() + days * DAY_MS));

describe('POST /api/manage/clients/{id}/keys:rotate', () => {
  it('shows a new key once; the old one works until the overlap ends, then expires', async () => {
    const rotated = await tb.json<{ apiKey: string; previousKeyExpiresAt: string }>(await rotateKey());
    expect(rotated.status).toBe(200);
    expect(rotated.headers.get('cache-control')).toBe('no-store');
    expect(rotated.body.previousKeyExpiresAt).toBe('2026-03-08T12:00:00.000Z');
    expect(rotated.body.apiKey).not.toBe(created.apiKey);
    expect((await as(created.apiKey)).clientId).toBe(created.clientId);
    expect((await as(rotated.body.apiKey)).clientId).toBe(created.clientId);
    const record = await tb.store.getClient(created.clientId);
    expect(record?.apiKeys?.map((k) => k.hash)).toEqual([hashApiKey(rotated.body.apiKey), hashApiKey(created.apiKey)]);
    expect(JSON.stringify(record)).not.toContain(rotated.body.apiKey);

    later(7);
    await expect(as(created.apiKey)).rejects.toMatchObject({ status: 401, code: 'api-key-expired' });
    expect((await as(rotated.body.apiKey)).clientId).toBe(created.clientId);
  });

  it('refuses to rotate again during the overlap (409 with its end), changing nothing; after it, drops the expired key', async () => {
    const first = await tb.json<{ apiKey: string }>(await rotateKey());
    const before = await tb.store.listClients();
    const again = await expectProblem(await rotateKey(), 409, 'rotation-in-progress');
    expect(again.body.overlapEndsAt).toBe('2026-03-08T12:00:00.000Z');
    expect(await tb.store.listClients()).toEqual(before);

    later(8);
    const second = await tb.json<{ apiKey: string }>(await rotateKey());
    expect(second.status).toBe(200);
    expect((await tb.store.getClient(created.clientId))?.apiKeys?.map((k) => k.hash)).toEqual([
      hashApiKey(second.body.apiKey),
      hashApiKey(first.body.apiKey),
    ]);
    // The expired key's row is gone too.
    expect(await tb.store.clientByKeyHash(hashApiKey(created.apiKey))).toBeUndefined();
  });

  it('answers a client key with 403 and an unknown client with 404, changing nothing', async () => {
    const before = await tb.store.listClients();
    await expectProblem(await rotateKey(created.clientId, { 'x-admin-key': '', 'x-api-key': API_KEY }), 403, 'admin-key-required');
    await expectProblem(await rotateKey('c-nobody'), 404, 'unknown-client');
    expect(await tb.store.listClients()).toEqual(before);
  });
});

describe('POST /api/manage/clients/{id}/webhook-secret:rotate', () => {
  it('shows a new secret once, signs with both (newest first) during the overlap, and with the new one after', async () => {
    const rotated = await tb.json<{ webhookSecret: string; previousSecretExpiresAt: string }>(await rotateSecret());
    expect(rotated.status).toBe(200);
    expect(rotated.body.webhookSecret).toMatch(/^whsec_/);
    expect(rotated.body.previousSecretExpiresAt).toBe('2026-03-08T12:00:00.000Z');
    const record = (await tb.store.getClient(created.clientId))!;
    expect(signingSecrets(record, tb.clock.now)).toEqual([rotated.body.webhookSecret, created.webhookSecret]);
    expect(signingSecrets(record, new Date('2026-03-08T12:00:00.000Z'))).toEqual([rotated.body.webhookSecret]);
  });

  it('refuses to rotate again during the overlap (409), changing nothing; after it, rotates', async () => {
    await rotateSecret();
    const before = await tb.store.listClients();
    expect((await expectProblem(await rotateSecret(), 409, 'rotation-in-progress')).body.overlapEndsAt).toBe('2026-03-08T12:00:00.000Z');
    expect(await tb.store.listClients()).toEqual(before);
    later(7);
    expect((await rotateSecret()).status).toBe(200);
  });

  it('answers an unknown client with 404', async () => {
    await expectProblem(await rotateSecret('c-nobody'), 404, 'unknown-client');
  });
});
