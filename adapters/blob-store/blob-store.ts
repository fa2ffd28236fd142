import type { Readable } from 'node:stream';

/** Where a blob lives: `container/name`, e.g. `incoming/{submissionId}/{fileId}`. */
export type BlobPath = string;

/** Headers a read SAS makes the service answer with, whatever the blob's own properties say. */
export interface ResponseHeaders {
  contentType?: string;
  contentDisposition?: string;
}

export interface BlobInfo {
  size: number;
  contentType: string | undefined;
  metadata: Record<string, string>;
}

/** A blob as a listing names it: its path and when it was last written. */
export interface BlobListing {
  path: BlobPath;
  lastModified: Date;
}

/**
 * The port for Blob Storage. Adapters: AzureBlobStore (Azure Storage, and Azurite locally) and
 * InMemoryBlobStore (unit tests). Every adapter passes blob-store.contract.ts.
 */
export interface BlobStore {
  /** Streams `body` into a block blob; resolves once it is committed (durable). */
  upload(path: BlobPath, body: Readable, options?: { contentType?: string; metadata?: Record<string, string> }): Promise<void>;
  uploadJson(path: BlobPath, value: unknown): Promise<void>;
  readJson<T>(path: BlobPath): Promise<T | undefined>;
  /** Properties, or undefined when the blob does not exist. */
  info(path: BlobPath): Promise<BlobInfo | undefined>;
  read(path: BlobPath, range?: { offset: number; count: number }): Promise<Readable>;
  /** Deletes if present; true when something was deleted. */
  delete(path: BlobPath): Promise<boolean>;
  /** Deletes every blob under a prefix (`incoming/{submissionId}/`); returns how many. */
  deletePrefix(prefix: BlobPath): Promise<number>;
  list(prefix: BlobPath): Promise<string[]>;
  /**
   * One page of the blobs under a prefix, in name order, with when each was last written; `continuation` (absent on the
   * last page) asks for the next one. For sweeps over containers too large to list at once.
   */
  listPage(
    prefix: BlobPath,
    page: { maxPageSize: number; continuation?: string },
  ): Promise<{ blobs: BlobListing[]; continuation?: string }>;
  /** A short-lived URL that may only create/write this one blob (upload sessions). */
  writeUrl(path: BlobPath, expiresOn: Date): Promise<string>;
  /**
   * A short-lived read-only URL (workers fetch originals with it). `response` overrides the headers the blob is
   * served with (the SAS's rsct and rscd): the results API names the type and file of an original stored without them.
   */
  readUrl(path: BlobPath, expiresOn: Date, response?: ResponseHeaders): Promise<string>;
}

export function splitPath(path: BlobPath): { container: string; name: string } {
  const i = path.indexOf('/');
  if (i <= 0 || i === path.length - 1) throw new Error(`Blob path '${path}' must be 'container/name'.`);
  return { container: path.slice(0, i), name: path.slice(i + 1) };
}

/** A listing prefix, `container/` (the whole container) or `container/name-prefix`. */
export function splitPrefix(prefix: BlobPath): { container: string; name: string } {
  const i = prefix.indexOf('/');
  if (i <= 0) throw new Error(`Blob prefix '${prefix}' must be 'container/' or 'container/name'.`);
  return { container: prefix.slice(0, i), name: prefix.slice(i + 1) };
}
