import { readFileSync } from 'node:fs';
import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../test/support/root.js';
import { createGetSummarySchema } from './get-summary-schema.js';

const url = 'http://127.0.0.1:7071/api/schemas/submission-summary.v1.json';
const get = (headers: Record<string, string> = {}) => createGetSummarySchema()(new HttpRequest({ method: 'GET', url, headers }));

describe('GET /api/schemas/submission-summary.v1.json', () => {
  it('serves the committed JSON Schema as application/schema+json, cacheable, with an ETag', async () => {
    const res = await get();
    expect(res.status).toBe(200);
    expect(res.body).toBe(readFileSync(`${ROOT}/docs/schemas/submission-summary.v1.json`, 'utf8'));
    expect(res.headers).toMatchObject({ 'content-type': 'application/schema+json', 'cache-control': 'public, max-age=3600' });
    expect((res.headers as Record<string, string>).etag).toMatch(/^"[\w-]{43}"$/);
  });

  it('answers 304 without a body to a client that has it', async () => {
    const { etag } = (await get()).headers as Record<string, string>;
    const res = await get({ 'if-none-match': etag! });
    expect(res).toMatchObject({ status: 304, headers: { etag } });
    expect(res.body).toBeUndefined();
    expect((await get({ 'if-none-match': '"older"' })).status).toBe(200);
  });
});
