import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import {
  splitPath,
  splitPrefix,
  type BlobInfo,
  type BlobListing,
  type BlobPath,
  type BlobStore,
  type ResponseHeaders,
} from './blob-store.js';
import { blobRestError } from './blob-rest-error.js';
import { BlobSpace, checkBlobPath } from './in-memory-blob-space.js';
import { IN_MEMORY_ACCOUNT, serveBlobSpace, type BlobEndpoint } from './in-memory-blob-endpoint.js';
import { signBlobSas } from './in-memory-sas.js';

/**
 * BlobStore in this process's memory, for unit tests: it passes blob-store.contract.ts. Its SAS
 * URLs work with the ordinary SDK and `fetch`: a loopback endpoint, started on the first URL,
 * serves them with the service's permission and expiry checks.
 */
export class InMemoryBlobStore implements BlobStore {
  private readonly space = new BlobSpace();
  private readonly key = randomBytes(32);
  private endpoint: Promise<BlobEndpoint> | undefined;

  async upload(path: BlobPath, body: Readable, options: { contentType?: string; metadata?: Record<string, string> } = {}): Promise<void> {
    checkBlobPath(path);
    // A body that fails part-way leaves nothing, as an uncommitted block list leaves nothing.
    this.space.put(path, await buffer(body), options);
  }

  async uploadJson(path: BlobPath, value: unknown): Promise<void> {
    this.space.put(path, Buffer.from(JSON.stringify(value)), { contentType: 'application/json' });
  }

  async readJson<T>(path: BlobPath): Promise<T | undefined> {
    const blob = this.space.get(path);
    return blob && (JSON.parse(blob.data.toString('utf8')) as T);
  }

  async info(path: BlobPath): Promise<BlobInfo | undefined> {
    const blob = this.space.get(path);
    return blob && { size: blob.data.length, contentType: blob.contentType, metadata: blob.metadata };
  }

  async read(path: BlobPath, range?: { offset: number; count: number }): Promise<Readable> {
    const { data } = this.space.require(path);
    if (!range) return Readable.from([data]);
    if (range.offset >= data.length)
      throw blobRestError(416, 'InvalidRange', 'The range specified is invalid for the current size of the resource.');
    return Readable.from([data.subarray(range.offset, range.offset + range.count)]);
  }

  async delete(path: BlobPath): Promise<boolean> {
    return this.space.delete(path);
  }

  async deletePrefix(prefix: BlobPath): Promise<number> {
    const names = await this.list(prefix);
    for (const name of names) this.space.delete(name);
    return names.length;
  }

  async list(prefix: BlobPath): Promise<string[]> {
    const { container, name } = splitPath(prefix.endsWith('/') ? prefix : `${prefix}/`);
    checkBlobPath(`${container}/x`);
    return this.space.list(name === '/' ? `${container}/` : `${container}/${name}`);
  }

  async listPage(
    prefix: BlobPath,
    page: { maxPageSize: number; continuation?: string },
  ): Promise<{ blobs: BlobListing[]; continuation?: string }> {
    const after = page.continuation ?? '';
    const { container } = splitPrefix(prefix);
    checkBlobPath(`${container}/x`);
    const paths = this.space.list(prefix).filter((p) => p > after);
    const blobs = paths.slice(0, page.maxPageSize).map((path) => ({ path, lastModified: this.space.require(path).lastModified }));
    return { blobs, continuation: paths.length > page.maxPageSize ? blobs.at(-1)!.path : undefined };
  }

  /** Every committed blob, in every container: what a test checks to see that nothing was left behind. */
  paths(): BlobPath[] {
    return this.space.list('');
  }

  writeUrl(path: BlobPath, expiresOn: Date): Promise<string> {
    return this.url(path, 'cw', expiresOn);
  }

  readUrl(path: BlobPath, expiresOn: Date, response?: ResponseHeaders): Promise<string> {
    return this.url(path, 'r', expiresOn, response);
  }

  /** Stops the endpoint behind the URLs (if one was started); the blobs stay readable through the store. */
  async close(): Promise<void> {
    const endpoint = this.endpoint;
    this.endpoint = undefined;
    await (await endpoint)?.close();
  }

  private async url(path: BlobPath, permissions: string, expiresOn: Date, response?: ResponseHeaders): Promise<string> {
    checkBlobPath(path);
    this.endpoint ??= serveBlobSpace(this.space, this.key);
    const { origin } = await this.endpoint;
    const escaped = path.split('/').map(encodeURIComponent).join('/');
    return `${origin}/${IN_MEMORY_ACCOUNT}/${escaped}?${signBlobSas(this.key, path, permissions, expiresOn, response)}`;
  }
}
