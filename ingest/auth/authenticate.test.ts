import { beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, ingestTestbed, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import type { HttpError } from '../http/http-error.js';
import { hashApiKey } from '../security/api-key.js';
import { cachedLookup } from '../../lib/cache/cached-lookup.js';
import { authenticate } from './authenticate.js';
import { CLIENT_LOOKUP_TTL_MS } from './cached-client-lookup.js';

let tb: IngestTestbed;
beforeEach(async () => {
  tb = await ingestTestbed();
});

const as = (key: string | null) => authenticate(tb.request('GET', '/api/submissions', { key }), tb.deps);

describe('authenticate', () => {
  it('finds the client behind the key', async () => {
    expect(await as(API_KEY)).toEqual(tb.client);
  });

  it.each([
    ['no key', null, 'missing-api-key'],
    ['an unknown key', 'nd_wrong', 'invalid-api-key'],
    ['a key over 200 characters', `nd_${'k'.repeat(200)}`, 'invalid-api-key'],
  ])('answers 401 for %s, asking for an API key', async (_what, key, code) => {
    await expect(as(key)).rejects.toMatchObject({ status: 401, code, headers: { 'www-authenticate': 'ApiKey' } });
  });

  it('does not look up a key too long to be one', async () => {
    const looked: string[] = [];
    tb.deps.clientByKeyHash = async (hash) => void looked.push(hash);
    await expect(as(`nd_${'k'.repeat(200)}`)).rejects.toMatchObject({ status: 401 });
    expect(looked).toEqual([]);
  });

  describe('after rotations and deletion', () => {
    const at = new Date('2026-03-01T12:00:00.000Z');
    const old = { hash: hashApiKey(API_KEY), createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-03-01T12:00:01.000Z' };
    const newer = { hash: hashApiKey('nd_newer-key-0000000000000000000000'), createdAt: '2026-02-22T12:00:01.000Z' };
    const authenticateAt = (now: Date, key = API_KEY) =>
      authenticate(tb.request('GET', '/api/submissions', { key }), { ...tb.deps, now: () => now });

    it('accepts both keys during the overlap, and the old one no more after it', async () => {
      await tb.store.putClient({ ...tb.client, apiKeys: [newer, old] }, old.hash);
      await tb.store.putClient({ ...tb.client, apiKeys: [newer, old] }, newer.hash);
      expect((await authenticateAt(at)).clientId).toBe('desk');
      expect((await authenticateAt(at, 'nd_newer-key-0000000000000000000000')).clientId).toBe('desk');
      await expect(authenticateAt(new Date(old.expiresAt))).rejects.toMatchObject({ status: 401, code: 'api-key-expired' });
      expect((await authenticateAt(new Date(old.expiresAt), 'nd_newer-key-0000000000000000000000')).clientId).toBe('desk');
    });

    it('refuses a key the record no longer lists, and every key of a deleted client', async () => {
      await tb.store.putClient({ ...tb.client, apiKeys: [newer] }, old.hash);
      await expect(authenticateAt(at)).rejects.toMatchObject({ status: 401, code: 'invalid-api-key' });
      await tb.store.putClient({ ...tb.client, apiKeys: [old], deletedAt: at.toISOString() }, old.hash);
      await expect(authenticateAt(at)).rejects.toMatchObject({ status: 401, code: 'client-deleted' });
    });

    it('keeps a deleted client’s key working no longer than the lookup cache’s TTL', async () => {
      let clock = 0;
      const lookup = cachedLookup((hash: string) => tb.store.clientByKeyHash(hash), {
        ttlMs: CLIENT_LOOKUP_TTL_MS,
        maxEntries: 10,
        now: () => clock,
      });
      const cached = { ...tb.deps, clientByKeyHash: lookup };
      const call = () => authenticate(tb.request('GET', '/api/submissions', { key: API_KEY }), cached);
      expect((await call()).clientId).toBe('desk');
      await tb.store.putClient({ ...tb.client, deletedAt: at.toISOString() }, old.hash);
      clock = CLIENT_LOOKUP_TTL_MS - 1;
      expect((await call()).clientId).toBe('desk');
      clock = CLIENT_LOOKUP_TTL_MS;
      await expect(call()).rejects.toMatchObject({ status: 401, code: 'client-deleted' });
    });
  });

  it('answers 429 with Retry-After past the client’s rate limit, leaving other clients alone', async () => {
    await tb.store.putClient({ ...tb.client, rateLimitPerMinute: 2 }, hashApiKey(API_KEY));
    await as(API_KEY);
    await as(API_KEY);
    const limited = (await as(API_KEY).then(
      () => expect.fail('not limited'),
      (e: unknown) => e,
    )) as HttpError;
    expect(limited).toMatchObject({ status: 429, code: 'rate-limited' });
    expect(limited.extensions!.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(limited.headers!['retry-after']).toBe(String(limited.extensions!.retryAfterSeconds));
    expect((await as(OTHER_KEY)).clientId).toBe('other');
  });
});
