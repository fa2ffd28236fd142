import type { MediaContentType } from '../../contracts/media.js';
import { ebmlDocType } from './ebml-doctype.js';
import { looksLikeText } from './looks-like-text.js';
import { sniffIsoBmff } from './sniff-isobmff.js';

/** How many leading bytes `sniffMedia` looks at: enough for every signature below. */
export const sniffHeadBytes = 4096;

const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const TIFF = [
  [0x49, 0x49, 0x2a, 0x00], // "II*\0", little-endian
  [0x4d, 0x4d, 0x00, 0x2a], // "MM\0*", big-endian
  [0x49, 0x49, 0x2b, 0x00], // BigTIFF, little-endian
  [0x4d, 0x4d, 0x00, 0x2b], // BigTIFF, big-endian
];
const EBML_TYPES = new Map<string | undefined, MediaContentType>([
  ['webm', 'video/webm'],
  ['matroska', 'video/x-matroska'],
]);
const RIFF_TYPES = new Map<string | undefined, MediaContentType>([
  ['WEBP', 'image/webp'],
  ['AVI ', 'video/x-msvideo'],
]);

/**
 * The sniffer table: what the first bytes of each accepted format look like. The one table that ingest (what it
 * accepts), the worker (a damaged video or none) and the classifier (which decoder may see the bytes) all read.
 * In order: the first entry that recognises the head decides.
 */
const SNIFFERS: readonly ((b: Buffer) => MediaContentType | undefined)[] = [
  (b) => (startsWith(b, JPEG) ? 'image/jpeg' : undefined),
  (b) => (startsWith(b, PNG) ? 'image/png' : undefined),
  (b) => (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a' ? 'image/gif' : undefined),
  (b) => (TIFF.some((magic) => startsWith(b, magic)) ? 'image/tiff' : undefined),
  (b) => (ascii(b, 0, 4) === 'RIFF' ? RIFF_TYPES.get(ascii(b, 8, 12)) : undefined),
  (b) => EBML_TYPES.get(ebmlDocType(b)),
  (b) => sniffIsoBmff(b),
  (b) => (isTransportStream(b) ? 'video/mp2t' : undefined),
];

/**
 * The real media type of a file from its first bytes (up to `sniffHeadBytes`), from magic bytes
 * only: names and declared types are the client's claims and are never consulted. Undefined for
 * anything that is not an accepted photo or video format, or too short to tell.
 */
export function sniffMedia(head: Buffer): MediaContentType | undefined {
  const b = head.subarray(0, sniffHeadBytes);
  for (const sniff of SNIFFERS) {
    const type = sniff(b);
    if (type !== undefined) return type;
  }
  return undefined;
}

/**
 * MPEG-TS: a 0x47 sync byte at the start of every 188-byte packet in the head (at least two), or
 * every 192-byte packet after a 4-byte timecode (M2TS/AVCHD, as camcorders write it).
 */
function isTransportStream(b: Buffer): boolean {
  const syncedEvery = (first: number, stride: number) => {
    if (b.length <= first + stride) return false;
    for (let at = first; at < b.length; at += stride) if (b[at] !== 0x47) return false;
    return true;
  };
  return (syncedEvery(0, 188) || syncedEvery(4, 192)) && !looksLikeText(b);
}

function startsWith(b: Buffer, magic: readonly number[]): boolean {
  return b.length >= magic.length && magic.every((byte, i) => b[i] === byte);
}

function ascii(b: Buffer, start: number, end: number): string | undefined {
  return b.length >= end ? b.toString('latin1', start, end) : undefined;
}
