import type { IncomingMessage } from 'node:http';
import { imageAnalysisErrors } from '../errors.js';
import { readCapped } from '../../lib/streams/read-capped.js';
import { TooLarge } from '../../lib/streams/too-large.js';
import { fetchImageUrl, type FetchImageUrlOptions } from '../url/fetch-image-url.js';

/** A `{ "url": … }` body is a few hundred bytes; anything much bigger is not one. */
const MAX_JSON_BYTES = 16 * 1024;

export type ImageSource = 'bytes' | 'url';

/**
 * Which body the request carries, from its Content-Type, as Azure reads it: the image bytes
 * (`application/octet-stream`; `image/*` is taken too) or JSON naming an image URL (`application/json`).
 */
export function imageSourceOf(req: IncomingMessage): ImageSource {
  const contentType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (contentType === 'application/octet-stream' || contentType.startsWith('image/')) return 'bytes';
  if (contentType === 'application/json') return 'url';
  throw imageAnalysisErrors.mediaType(contentType);
}

/**
 * The image's bytes: the body itself, or downloaded from the body's URL through the SSRF guard. A body over its cap
 * is refused as soon as it passes it (or before a byte is read, by its Content-Length); what is left unread is
 * discarded after the answer (sendJson).
 */
export async function readImage(
  req: IncomingMessage,
  source: ImageSource,
  options: { maxBytes: number; url: Omit<FetchImageUrlOptions, 'maxBytes' | 'signal'>; signal?: AbortSignal },
): Promise<Buffer> {
  if (source === 'bytes') {
    try {
      return await readCapped(req, options.maxBytes, { declaredBytes: declaredLength(req) });
    } catch (error) {
      if (error instanceof TooLarge) throw imageAnalysisErrors.imageBytes(options.maxBytes);
      throw error;
    }
  }
  let body: Buffer;
  try {
    body = await readCapped(req, MAX_JSON_BYTES, { declaredBytes: declaredLength(req) });
  } catch (error) {
    if (error instanceof TooLarge) throw imageAnalysisErrors.invalidBody(`a JSON body of more than ${MAX_JSON_BYTES} bytes`);
    throw error;
  }
  return fetchImageUrl(imageUrlOf(body), { ...options.url, maxBytes: options.maxBytes, signal: options.signal });
}

const declaredLength = (req: IncomingMessage) => Number(req.headers['content-length']);

/** `{ "url": "https://…" }`, as Azure's analyze operation takes it. */
export function imageUrlOf(body: Buffer): string {
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw imageAnalysisErrors.invalidBody('it is not JSON');
  }
  const url = typeof json === 'object' && json !== null ? (json as { url?: unknown }).url : undefined;
  if (typeof url !== 'string' || url.trim() === '') throw imageAnalysisErrors.invalidBody('it must be a JSON object with a "url" string');
  return url.trim();
}
