import { app, type HttpResponseInit } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { etagMatches } from '../http/etag-matches.js';
import { findAsset } from './find-asset.js';
import { loadOwnFile } from './load-file.js';

/** A read SAS lasts this long; a client may keep the redirect for less, so a cached one still has time to download. */
const SAS_SECONDS = 15 * 60;
const REDIRECT_MAX_AGE = 10 * 60;
const YEAR = 365 * 24 * 60 * 60;

/**
 * `GET /api/submissions/{id}/files/{fileId}/{asset}`: `302` to a short-lived read-only SAS URL of the asset's blob
 * (signed with a user delegation key where the app runs as a managed identity), or with `?inline=1` the bytes
 * themselves, with an ETag (`If-None-Match` answers 304). Assets: contracts/assets.ts.
 */
export function createGetFileAsset(deps: IngestDeps) {
  return handle(async (request): Promise<HttpResponseInit> => {
    const client = await authenticate(request, deps);
    const inline = inlineOf(request.query.get('inline'));
    const { record, file } = await loadOwnFile(deps, client.clientId, request.params);
    const found = await findAsset(deps, record.submissionId, file, request.params.asset ?? '');
    if (!inline) {
      const expiresOn = new Date(deps.now().getTime() + SAS_SECONDS * 1000);
      const location = await deps.blobs.readUrl(found.blob, expiresOn, {
        contentType: found.contentType,
        contentDisposition: found.disposition,
      });
      return { status: 302, headers: { location, 'cache-control': `private, max-age=${REDIRECT_MAX_AGE}` } };
    }
    const headers: Record<string, string> = {
      etag: found.etag,
      // Names fixed by the original's bytes never change: cache for good. analysis.json is checked again each time.
      'cache-control': found.immutable ? `private, max-age=${YEAR}, immutable` : 'private, no-cache',
    };
    if (etagMatches(request.headers.get('if-none-match'), found.etag)) return { status: 304, headers };
    Object.assign(headers, {
      'content-type': found.contentType,
      'content-length': String(found.text === undefined ? found.size : Buffer.byteLength(found.text)),
      'x-content-type-options': 'nosniff',
      ...(found.disposition ? { 'content-disposition': found.disposition } : {}),
    });
    return { status: 200, headers, body: found.text ?? (await deps.blobs.read(found.blob)) };
  });
}

/** `inline=1` (or `true`) streams; absent, `0` or `false` redirects; anything else is a mistake worth saying. */
function inlineOf(value: string | null): boolean {
  if (value === null || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new HttpError(400, 'invalid-inline', 'Invalid inline', `inline is 1 (stream the bytes) or 0 (redirect), not '${value}'.`);
}

export function registerGetFileAsset(deps: IngestDeps): void {
  app.http('getFileAsset', {
    route: 'submissions/{id}/files/{fileId}/{asset}',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createGetFileAsset(deps),
  });
}
