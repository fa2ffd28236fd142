import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { readCappedWeb } from '../../lib/streams/read-capped-web.js';
import { TooLarge } from '../../lib/streams/too-large.js';
import { OriginalUnavailable } from './job-errors.js';

/**
 * Fetches the original through the job's read-only SAS URL: the worker needs no account key to
 * read media, and the URL outlives the job's deadline so a late worker can still finish.
 */
async function open(url: string, signal: AbortSignal | undefined, fetchImpl: typeof fetch): Promise<Response> {
  let res: Response;
  try {
    res = await fetchImpl(url, { signal });
  } catch (error) {
    throw new OriginalUnavailable(`the original could not be fetched: ${(error as Error).message}`, true, { cause: error, outage: true });
  }
  // 403 (SAS expired) and 404 (deleted, e.g. cancelled) will not get better; anything else may.
  if (res.status === 403 || res.status === 404) {
    await res.body?.cancel();
    throw new OriginalUnavailable(`the original is no longer readable (HTTP ${res.status})`, false);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel();
    throw new OriginalUnavailable(`the original could not be fetched (HTTP ${res.status})`, true, { outage: res.status >= 500 });
  }
  return res;
}

type DownloadOptions = { signal?: AbortSignal; fetch?: typeof fetch };

/** A photo in memory, refused past `maxBytes` while it streams (photos are decoded from memory by sharp). */
export async function downloadToBuffer(url: string, maxBytes: number, options: DownloadOptions = {}): Promise<Buffer> {
  const res = await open(url, options.signal, options.fetch ?? fetch);
  try {
    return await readCappedWeb(res.body as ReadableStream<Uint8Array>, maxBytes);
  } catch (error) {
    if (error instanceof TooLarge) throw new OriginalUnavailable(`the original is larger than ${maxBytes} bytes`, false);
    throw error;
  }
}

/** A video on local disk (ffmpeg seeks in it); the caller removes `dir`. */
export async function downloadToFile(url: string, dir: string, options: DownloadOptions = {}): Promise<string> {
  const res = await open(url, options.signal, options.fetch ?? fetch);
  const path = join(dir, 'original');
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), createWriteStream(path), { signal: options.signal });
  } catch (error) {
    await rm(path, { force: true });
    throw new OriginalUnavailable(`the original could not be downloaded: ${(error as Error).message}`, true, { cause: error });
  }
  return path;
}
