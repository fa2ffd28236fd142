import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { RestError } from '@azure/storage-blob';
import { blobRestError } from './blob-rest-error.js';
import type { BlobProperties, BlobSpace } from './in-memory-blob-space.js';
import { verifyBlobSas } from './in-memory-sas.js';

/** The account segment of every URL, as Azurite's `devstoreaccount1`: the SDK reads IP-style URLs that way. */
export const IN_MEMORY_ACCOUNT = 'memory';

export interface BlobEndpoint {
  origin: string;
  close(): Promise<void>;
}

const NEEDS: Record<string, string> = { GET: 'r', HEAD: 'r', PUT: 'w', DELETE: 'd' };

/**
 * Serves a BlobSpace on loopback HTTP for the SAS URLs the in-memory BlobStore hands out: the Blob
 * REST operations an upload client (`BlockBlobClient`: Put Blob, Put Block, Put Block List) and a
 * reader (Get Blob, ranges) use, with the service's SAS checks and error codes. Nothing else is served.
 */
export async function serveBlobSpace(space: BlobSpace, key: Buffer): Promise<BlobEndpoint> {
  const server = createServer((req, res) => void answer(space, key, req, res));
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  // A test that never closes the store must still be able to end.
  server.unref();
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function answer(space: BlobSpace, key: Buffer, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    // Read the whole body first: answering before the client finished sending resets its connection.
    const body = await buffer(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const [account, ...segments] = url.pathname.slice(1).split('/').map(decodeURIComponent);
    const path = segments.join('/');
    if (account !== IN_MEMORY_ACCOUNT || segments.length < 2) throw blobRestError(400, 'InvalidUri', `No blob at ${url.pathname}.`);
    const granted = verifyBlobSas(key, path, url.searchParams);
    if (granted === undefined) throw blobRestError(403, 'AuthorizationFailure', 'Server failed to authenticate the request.');
    const needed = NEEDS[req.method ?? ''];
    if (!needed || !granted.includes(needed)) {
      throw blobRestError(
        403,
        'AuthorizationPermissionMismatch',
        'This request is not authorized to perform this operation using this permission.',
      );
    }
    const blockId = url.searchParams.get('blockid') ?? '';
    switch (`${req.method} ${url.searchParams.get('comp') ?? ''}`) {
      case 'PUT ':
        space.put(path, body, propertiesOf(req));
        break;
      case 'PUT block':
        space.stage(path, blockId, body);
        break;
      case 'PUT blocklist':
        space.commit(path, blockIdsOf(body), propertiesOf(req));
        break;
      case 'GET ':
      case 'HEAD ':
        return sendBlob(space, path, req, res, url.searchParams);
      default:
        throw blobRestError(
          501,
          'NotImplemented',
          'The in-memory Blob endpoint serves Put Blob, Put Block, Put Block List and Get Blob only.',
        );
    }
    res.writeHead(201, { etag: `"${Date.now()}"` }).end();
  } catch (error) {
    const e = error instanceof RestError ? error : blobRestError(500, 'InternalError', 'The in-memory Blob endpoint failed.');
    res.writeHead(e.statusCode ?? 500, { 'x-ms-error-code': e.code ?? 'InternalError', 'content-type': 'application/xml' });
    res.end(
      req.method === 'HEAD'
        ? undefined
        : `<?xml version="1.0" encoding="utf-8"?><Error><Code>${e.code}</Code><Message>${e.message}</Message></Error>`,
    );
  }
}

/** Content type and metadata as the SDK sends them with Put Blob and Put Block List. */
function propertiesOf(req: IncomingMessage): BlobProperties {
  const metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (name.startsWith('x-ms-meta-') && typeof value === 'string') metadata[name.slice('x-ms-meta-'.length)] = value;
  const contentType = req.headers['x-ms-blob-content-type'];
  return { contentType: typeof contentType === 'string' ? contentType : undefined, metadata };
}

/** The ids of a Put Block List body, in order; Latest, Committed and Uncommitted all name staged blocks here. */
const blockIdsOf = (body: Buffer): string[] =>
  [...body.toString('utf8').matchAll(/<(Latest|Committed|Uncommitted)>([^<]*)<\/\1>/g)].map((m) => m[2]!);

function sendBlob(space: BlobSpace, path: string, req: IncomingMessage, res: ServerResponse, sas: URLSearchParams): void {
  const blob = space.require(path);
  const range = /^bytes=(\d+)-(\d*)$/.exec(String(req.headers['x-ms-range'] ?? req.headers.range ?? ''));
  const size = blob.data.length;
  // A SAS's signed overrides win over the blob's properties, as the service answers them.
  const headers: Record<string, string> = { 'content-type': sas.get('rsct') ?? blob.contentType, 'x-ms-blob-type': 'BlockBlob' };
  const disposition = sas.get('rscd');
  if (disposition) headers['content-disposition'] = disposition;
  for (const [name, value] of Object.entries(blob.metadata)) headers[`x-ms-meta-${name}`] = value;
  if (!range)
    return void res.writeHead(200, { ...headers, 'content-length': String(size) }).end(req.method === 'HEAD' ? undefined : blob.data);
  const start = Number(range[1]);
  if (start >= size) throw blobRestError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
  const end = Math.min(size - 1, range[2] ? Number(range[2]) : size - 1);
  const part = blob.data.subarray(start, end + 1);
  res.writeHead(206, { ...headers, 'content-length': String(part.length), 'content-range': `bytes ${start}-${end}/${size}` });
  res.end(req.method === 'HEAD' ? undefined : part);
}
