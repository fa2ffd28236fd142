import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { allowDeskUploads } from '../../infra/stack/allow-desk-uploads.js';

const location = mkdtempSync(join(tmpdir(), 'azurite-cors-'));
const DESK = 'http://127.0.0.1:7071';
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location });
  await allowDeskUploads(azurite.connectionString, [DESK]);
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

/** The browser's preflight before a block PUT from `origin`. */
const preflight = (origin: string, method = 'PUT') =>
  fetch(`${azurite.blobUrl}/incoming/s1/f1?comp=block&blockid=AAAA`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': 'x-ms-blob-type,content-type' },
  });

describe('Blob Storage CORS for the desk (npm start)', () => {
  it('lets the desk’s origin PUT blocks with x-ms-* and content-type headers', async () => {
    const response = await preflight(DESK);
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(DESK);
    expect(response.headers.get('access-control-allow-methods')).toMatch(/PUT/);
  });

  it('refuses another origin and other methods', async () => {
    expect((await preflight('http://evil.example')).status).toBe(403);
    expect((await preflight(DESK, 'DELETE')).status).toBe(403);
  });
});
