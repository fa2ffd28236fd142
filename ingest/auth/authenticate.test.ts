import { beforeEach, describe, expect, it } from 'vitest';
import { API_KEY, ingestTestbed, OTHER_KEY, type IngestTestbed } from '../../test/support/ingest-testbed.js';
import type { HttpError } from '../http/http-error.js';
import { hashApiKey } from '../security/api-key.js';
import { authenticate } from './authenticate.js';

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
