import type { MediaContentType } from '../../contracts/media.js';
import { looksLikeText } from './looks-like-text.js';

type IsoBmffType = Extract<MediaContentType, 'image/heic' | 'video/mp4' | 'video/quicktime'>;

const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'avc1', 'dash']);
for (const brand of ['M4V ', 'M4VH', 'M4VP', 'f4v ', 'mmp4']) MP4_BRANDS.add(brand);
const QUICKTIME_BRAND = 'qt  ';
/** Same box structure, but not something Newsdesk accepts: audio-only MP4, AVIF, Canon raw. */
const REFUSED_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'avif', 'avis', 'crx ']);
/** Brands that say "some HEIF file", which AVIF files use too. */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
/** Atoms an old QuickTime file may start with instead of `ftyp`. */
const LEADING_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);
/** Atoms that only pad or preview: what follows them decides. */
const PADDING_ATOMS = new Set(['wide', 'free', 'skip', 'pnot']);

/** HEIC, MP4 or QuickTime from an ISO base media file's first boxes; undefined for anything else. */
export function sniffIsoBmff(head: Uint8Array): IsoBmffType | undefined {
  let pos = 0;
  // Follow padding atoms (at most a few) to the first one that tells the format.
  for (let hops = 0; hops < 16 && pos + 8 <= head.length; hops++) {
    const size = readUint32(head, pos);
    const type = fourCC(head, pos + 4);
    if (type === 'ftyp') return ftypType(head, pos, size);
    if (!LEADING_ATOMS.has(type) || (size !== 0 && size !== 1 && size < 8)) return undefined;
    // `moov`/`mdat`, or padding whose size is "to the end" (0) or 64-bit (1): QuickTime.
    if (!PADDING_ATOMS.has(type) || size < 8) return notText(head);
    pos += size;
  }
  // The padding runs past the bytes we have: trust the atom names only on binary content.
  return pos > 0 ? notText(head) : undefined;
}

function ftypType(head: Uint8Array, pos: number, size: number): IsoBmffType | undefined {
  if (pos + 12 > head.length || size < 16) return undefined;
  const major = fourCC(head, pos + 8);
  const compatible: string[] = [];
  for (let at = pos + 16; at + 4 <= Math.min(head.length, pos + size); at += 4) compatible.push(fourCC(head, at));
  if (REFUSED_BRANDS.has(major)) return undefined;
  const byMajor = brandType(major);
  if (byMajor && !GENERIC_HEIF_BRANDS.has(major)) return byMajor;
  // A generic or unknown major brand (Sony's XAVC, …): the compatible brands tell, and AV1 is not HEIC.
  if (compatible.some((b) => AVIF_BRANDS.has(b))) return undefined;
  return byMajor ?? compatible.map(brandType).find((t) => t !== undefined);
}

function brandType(brand: string): IsoBmffType | undefined {
  if (HEIF_BRANDS.has(brand)) return 'image/heic';
  if (MP4_BRANDS.has(brand) || brand.startsWith('3gp') || brand.startsWith('3g2')) return 'video/mp4';
  if (brand === QUICKTIME_BRAND) return 'video/quicktime';
  return undefined;
}

function notText(head: Uint8Array): 'video/quicktime' | undefined {
  return looksLikeText(head) ? undefined : 'video/quicktime';
}

function readUint32(bytes: Uint8Array, pos: number): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(pos);
}

function fourCC(bytes: Uint8Array, pos: number): string {
  return String.fromCharCode(...bytes.subarray(pos, pos + 4));
}
