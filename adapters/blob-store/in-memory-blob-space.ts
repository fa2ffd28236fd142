import { splitPath, type BlobPath } from './blob-store.js';
import { blobRestError } from './blob-rest-error.js';

export interface StoredBlob {
  data: Buffer;
  contentType: string;
  metadata: Record<string, string>;
  lastModified: Date;
}

export interface BlobProperties {
  contentType?: string;
  metadata?: Record<string, string>;
}

// The service's rule for container names: 3-63 of a-z, 0-9 and single hyphens, starting with a letter or digit.
const CONTAINER = /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Whether a blob path is one the service accepts (a bad container name is refused as Azure refuses it). */
export function checkBlobPath(path: BlobPath): void {
  const { container } = splitPath(path);
  if (!CONTAINER.test(container))
    throw blobRestError(400, 'InvalidResourceName', `The specified resource name '${container}' is not a valid container name.`);
}

/**
 * The blobs of an in-memory account, with the Blob service's block semantics: staged blocks are
 * not a blob until a block list commits them, and a commit replaces the blob whole. Values are
 * copied in and out, so what a caller holds never changes what is stored.
 */
export class BlobSpace {
  private readonly blobs = new Map<BlobPath, StoredBlob>();
  private readonly staged = new Map<BlobPath, Map<string, Buffer>>();

  put(path: BlobPath, data: Buffer, properties: BlobProperties = {}): void {
    checkBlobPath(path);
    // Metadata names come back lower-cased, as Azurite (and any Node HTTP client) reports them.
    const metadata = Object.fromEntries(Object.entries(properties.metadata ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const contentType = properties.contentType ?? 'application/octet-stream';
    this.blobs.set(path, { data: Buffer.from(data), contentType, metadata, lastModified: new Date() });
    this.staged.delete(path);
  }

  get(path: BlobPath): StoredBlob | undefined {
    checkBlobPath(path);
    const blob = this.blobs.get(path);
    return blob && { ...blob, metadata: { ...blob.metadata } };
  }

  /** The blob's bytes, or the service's 404. */
  require(path: BlobPath): StoredBlob {
    const blob = this.get(path);
    if (!blob) throw blobRestError(404, 'BlobNotFound', 'The specified blob does not exist.');
    return blob;
  }

  delete(path: BlobPath): boolean {
    checkBlobPath(path);
    this.staged.delete(path);
    return this.blobs.delete(path);
  }

  /** Committed blobs whose path starts with `prefix`, in the service's (lexicographic) order. */
  list(prefix: string): BlobPath[] {
    return [...this.blobs.keys()].filter((p) => p.startsWith(prefix)).sort();
  }

  stage(path: BlobPath, blockId: string, data: Buffer): void {
    checkBlobPath(path);
    let blocks = this.staged.get(path);
    if (!blocks) this.staged.set(path, (blocks = new Map()));
    blocks.set(blockId, Buffer.from(data));
  }

  /** Commits staged blocks in the order given; an id that was never staged refuses the whole list. */
  commit(path: BlobPath, blockIds: string[], properties: BlobProperties): void {
    const blocks = this.staged.get(path);
    const parts = blockIds.map((id) => blocks?.get(id));
    if (parts.some((part) => part === undefined)) throw blobRestError(400, 'InvalidBlockList', 'The specified block list is invalid.');
    this.put(path, Buffer.concat(parts as Buffer[]), properties);
  }
}
