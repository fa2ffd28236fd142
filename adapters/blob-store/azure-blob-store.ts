import type { Readable } from 'node:stream';
import { type BlobServiceClient, type ContainerClient, RestError } from '@azure/storage-blob';
import { sasSigner } from './sas-url.js';
import { stageBlocks } from './stage-blocks.js';
import {
  splitPath,
  splitPrefix,
  type BlobInfo,
  type BlobListing,
  type BlobPath,
  type BlobStore,
  type ResponseHeaders,
} from './blob-store.js';

// 8 MB blocks, two in flight: a typical photo is one Put Blob, and a 1 GB video holds at most three blocks' worth of
// its incoming chunks (two being sent, one filling).
const BLOCK = 8 * 1024 * 1024;
const IN_FLIGHT = 2;

/** BlobStore on Azure Blob Storage through @azure/storage-blob (Azurite speaks the same protocol). */
export class AzureBlobStore implements BlobStore {
  private readonly ready = new Map<string, Promise<unknown>>();
  private readonly sign: ReturnType<typeof sasSigner>;

  constructor(private readonly service: BlobServiceClient) {
    this.sign = sasSigner(service);
  }

  private async container(name: string): Promise<ContainerClient> {
    const client = this.service.getContainerClient(name);
    let created = this.ready.get(name);
    if (!created) {
      created = client.createIfNotExists();
      this.ready.set(name, created);
      created.catch(() => this.ready.delete(name));
    }
    await created;
    return client;
  }

  private async blob(path: BlobPath) {
    const { container, name } = splitPath(path);
    return (await this.container(container)).getBlockBlobClient(name);
  }

  async upload(path: BlobPath, body: Readable, options: { contentType?: string; metadata?: Record<string, string> } = {}): Promise<void> {
    const blob = await this.blob(path);
    await stageBlocks(blob, body, { blockBytes: BLOCK, inFlight: IN_FLIGHT, ...options });
  }

  async uploadJson(path: BlobPath, value: unknown): Promise<void> {
    const text = JSON.stringify(value);
    await (await this.blob(path)).upload(text, Buffer.byteLength(text), { blobHTTPHeaders: { blobContentType: 'application/json' } });
  }

  async readJson<T>(path: BlobPath): Promise<T | undefined> {
    try {
      const buffer = await (await this.blob(path)).downloadToBuffer();
      return JSON.parse(buffer.toString('utf8')) as T;
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async info(path: BlobPath): Promise<BlobInfo | undefined> {
    try {
      const p = await (await this.blob(path)).getProperties();
      return { size: p.contentLength ?? 0, contentType: p.contentType, metadata: p.metadata ?? {} };
    } catch (error) {
      if (error instanceof RestError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  async read(path: BlobPath, range?: { offset: number; count: number }): Promise<Readable> {
    const response = await (await this.blob(path)).download(range?.offset ?? 0, range?.count);
    return response.readableStreamBody as Readable;
  }

  async delete(path: BlobPath): Promise<boolean> {
    return (await (await this.blob(path)).deleteIfExists()).succeeded;
  }

  async deletePrefix(prefix: BlobPath): Promise<number> {
    const names = await this.list(prefix);
    await Promise.all(names.map((n) => this.delete(n)));
    return names.length;
  }

  async list(prefix: BlobPath): Promise<string[]> {
    const { container, name } = splitPath(prefix.endsWith('/') ? prefix : `${prefix}/`);
    const client = await this.container(container);
    const out: string[] = [];
    for await (const b of client.listBlobsFlat({ prefix: name === '/' ? undefined : name })) out.push(`${container}/${b.name}`);
    return out;
  }

  async listPage(
    prefix: BlobPath,
    page: { maxPageSize: number; continuation?: string },
  ): Promise<{ blobs: BlobListing[]; continuation?: string }> {
    const { container, name } = splitPrefix(prefix);
    const client = await this.container(container);
    const pages = client
      .listBlobsFlat({ prefix: name || undefined })
      .byPage({ maxPageSize: page.maxPageSize, continuationToken: page.continuation });
    const { value, done } = await pages.next();
    if (done || !value) return { blobs: [] };
    const blobs = value.segment.blobItems.map((b) => ({ path: `${container}/${b.name}`, lastModified: b.properties.lastModified }));
    return { blobs, continuation: value.continuationToken || undefined };
  }

  async writeUrl(path: BlobPath, expiresOn: Date): Promise<string> {
    return this.sign(await this.blob(path), 'cw', expiresOn);
  }

  async readUrl(path: BlobPath, expiresOn: Date, response?: ResponseHeaders): Promise<string> {
    return this.sign(await this.blob(path), 'r', expiresOn, response);
  }
}
