import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import type { MediaContentType } from '../../contracts/media.js';
import { describeHead } from './describe-head.js';
import { EmptyFileError, FileTooLargeError, UnsupportedMediaError } from './errors.js';
import { sniffHeadBytes, sniffMedia } from '../../lib/media/sniff-media.js';

export interface Inspection {
  size: number;
  /** Lower-case hex SHA-256 of the whole content. */
  sha256: string;
  /** The type sniffed from the content's first bytes. */
  contentType: MediaContentType;
}

/** A pass-through stream that also measures what flows through it; `result()` once it has finished. */
export interface Inspector extends Transform {
  result(): Inspection;
}

/**
 * Inspects a file on its way to storage without buffering it: hashes and counts every byte, and
 * sniffs the real type from the first `sniffHeadBytes`. Those first bytes are held back until they
 * are sniffed, so content that is not media never reaches the destination; the stream fails with
 * UnsupportedMediaError, FileTooLargeError (before passing the byte over `maxBytes`) or
 * EmptyFileError.
 */
export function createInspector(opts: { maxBytes: number }): Inspector {
  return new MediaInspector(opts.maxBytes);
}

class MediaInspector extends Transform implements Inspector {
  readonly #hash: Hash = createHash('sha256');
  #size = 0;
  #held: Buffer[] = [];
  #heldBytes = 0;
  #contentType: MediaContentType | undefined;
  #sha256: string | undefined;
  readonly #maxBytes: number;

  constructor(maxBytes: number) {
    super();
    this.#maxBytes = maxBytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#size += chunk.length;
    if (this.#size > this.#maxBytes) return callback(new FileTooLargeError(this.#maxBytes));
    this.#hash.update(chunk);
    if (this.#contentType) return callback(null, chunk);
    this.#held.push(chunk);
    this.#heldBytes += chunk.length;
    callback(this.#heldBytes >= sniffHeadBytes ? this.#sniffAndRelease() : null);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#size === 0) return callback(new EmptyFileError());
    const error = this.#contentType ? undefined : this.#sniffAndRelease();
    if (error) return callback(error);
    this.#sha256 = this.#hash.digest('hex');
    callback();
  }

  result(): Inspection {
    if (this.#sha256 === undefined || this.#contentType === undefined) {
      throw new Error('The inspection is not finished: the stream has not ended, or it failed.');
    }
    return { size: this.#size, sha256: this.#sha256, contentType: this.#contentType };
  }

  #sniffAndRelease(): UnsupportedMediaError | undefined {
    const held = Buffer.concat(this.#held, this.#heldBytes);
    this.#held = [];
    const head = held.subarray(0, sniffHeadBytes);
    this.#contentType = sniffMedia(head);
    if (!this.#contentType) return new UnsupportedMediaError(describeHead(head));
    this.push(held);
    return undefined;
  }
}
