import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BlobPath, ResponseHeaders } from './blob-store.js';

// As the service signs them, the response header overrides are part of what is signed: a client cannot change them.
const signature = (key: Buffer, path: BlobPath, permissions: string, expiry: string, rscd: string, rsct: string): string =>
  createHmac('sha256', key).update(`${permissions}\n${expiry}\n/${path}\n${rscd}\n${rsct}`).digest('base64');

/** A SAS query for one blob (`se`, `sr`, `sp`, `sig`, and `rscd`/`rsct` when given), signed with the in-memory account's key. */
export function signBlobSas(key: Buffer, path: BlobPath, permissions: string, expiresOn: Date, response: ResponseHeaders = {}): string {
  const se = expiresOn.toISOString();
  const [rscd, rsct] = [response.contentDisposition ?? '', response.contentType ?? ''];
  const overrides = { ...(rscd ? { rscd } : {}), ...(rsct ? { rsct } : {}) };
  return new URLSearchParams({
    se,
    sr: 'b',
    sp: permissions,
    ...overrides,
    sig: signature(key, path, permissions, se, rscd, rsct),
  }).toString();
}

/** The permissions a SAS grants on `path`; undefined when it is forged, signed for another blob, or expired. */
export function verifyBlobSas(key: Buffer, path: BlobPath, query: URLSearchParams, now = Date.now()): string | undefined {
  const [se, sp, sig] = [query.get('se'), query.get('sp'), query.get('sig')];
  if (!se || !sp || !sig) return undefined;
  const expected = Buffer.from(signature(key, path, sp, se, query.get('rscd') ?? '', query.get('rsct') ?? ''));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return Date.parse(se) > now ? sp : undefined;
}
