import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BlobPath } from './blob-store.js';

const signature = (key: Buffer, path: BlobPath, permissions: string, expiry: string): string =>
  createHmac('sha256', key).update(`${permissions}\n${expiry}\n/${path}`).digest('base64');

/** A SAS query for one blob (`se`, `sr`, `sp`, `sig`), signed with the in-memory account's key. */
export function signBlobSas(key: Buffer, path: BlobPath, permissions: string, expiresOn: Date): string {
  const se = expiresOn.toISOString();
  return new URLSearchParams({ se, sr: 'b', sp: permissions, sig: signature(key, path, permissions, se) }).toString();
}

/** The permissions a SAS grants on `path`; undefined when it is forged, signed for another blob, or expired. */
export function verifyBlobSas(key: Buffer, path: BlobPath, query: URLSearchParams, now = Date.now()): string | undefined {
  const [se, sp, sig] = [query.get('se'), query.get('sp'), query.get('sig')];
  if (!se || !sp || !sig) return undefined;
  const expected = Buffer.from(signature(key, path, sp, se));
  const given = Buffer.from(sig);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return Date.parse(se) > now ? sp : undefined;
}
