import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { app, type HttpResponseInit } from '@azure/functions';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { etagMatches } from '../http/etag-matches.js';
import { deskContentType } from './desk-content-type.js';
import { deskCsp } from './desk-csp.js';
import { deskFilePath } from './desk-file-path.js';

export interface DeskDeps {
  /** The built desk: dist/desk (`npm run build:desk`). */
  root: string;
  /** Blob Storage origins the desk loads SAS images from and uploads blocks to. */
  blobOrigins: readonly string[];
}

/** Hashed names never change content: a year, immutable. index.html names the current ones, so it is always revalidated. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

const notFound = (path: string) => new HttpError(404, 'desk-file-not-found', 'Not found', `The desk has no file '${path}'.`);

/** Size and time of a file, or undefined when there is no such file. */
async function fileStat(file: string) {
  const s = await stat(file).catch(() => undefined);
  return s?.isFile() ? s : undefined;
}

/**
 * `GET /api/desk/{*path}`: the desk's single-page app from the function app itself, so that App Service
 * authentication covers the desk and its API on one origin with one cookie. The catch-all also matches `/api/desk`
 * (Azure's catch-alls match nothing too), which is redirected to `/api/desk/` so the page's relative URLs resolve.
 */
export function createServeDesk(deps: DeskDeps) {
  const security = {
    'content-security-policy': deskCsp(deps.blobOrigins),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
  };
  return handle(async (request): Promise<HttpResponseInit> => {
    const url = new URL(request.url);
    const path = request.params.path ?? '';
    if (path === '' && !url.pathname.endsWith('/')) return { status: 308, headers: { location: `${url.pathname}/${url.search}` } };
    const index = join(deps.root, 'index.html');
    // A path that could leave the desk's folder is no desk file, built or not.
    const file = path === '' ? index : deskFilePath(deps.root, path);
    if (!file) throw notFound(path);
    if (!(await fileStat(index)))
      throw new HttpError(503, 'desk-not-built', 'Desk not built', 'The desk has not been built: run `npm run build:desk`, then reload.');
    const found = await fileStat(file);
    if (!found) throw notFound(path);
    const etag = `W/"${found.size.toString(16)}-${Math.trunc(found.mtimeMs).toString(16)}"`;
    const headers = {
      ...security,
      'content-type': deskContentType(file),
      'cache-control': path.startsWith('assets/') ? IMMUTABLE : REVALIDATE,
      etag,
    };
    if (etagMatches(request.headers.get('if-none-match'), etag)) return { status: 304, headers };
    return { status: 200, headers, body: await readFile(file) };
  });
}

export function registerServeDesk(deps: DeskDeps): void {
  app.http('serveDesk', { route: 'desk/{*path}', methods: ['GET'], authLevel: 'anonymous', handler: createServeDesk(deps) });
}
