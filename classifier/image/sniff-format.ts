import type { MediaContentType } from '../../contracts/media.js';
import { sniffMedia } from '../../lib/media/sniff-media.js';

/** The formats Azure accepts that this service decodes (Azure also takes BMP, ICO and MPO; MPO is JPEG here). */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff';

const FORMATS = new Map<MediaContentType | undefined, ImageFormat>([
  ['image/jpeg', 'jpeg'],
  ['image/png', 'png'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['image/tiff', 'tiff'],
]);

/**
 * The format the first bytes say (the sniffer table ingest reads too), or undefined. Checked before any decoder sees
 * the bytes, so that only these formats' decoders are ever reached (no SVG renderer, no PDF or RAW loader from the
 * same library, no HEIC: Azure does not take it).
 */
export function sniffFormat(bytes: Buffer): ImageFormat | undefined {
  return FORMATS.get(sniffMedia(bytes));
}
