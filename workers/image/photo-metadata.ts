import exifr from 'exifr';
import { captureDate } from './capture-date.js';
import type { PhotoMetadata } from './types.js';

const EMPTY: PhotoMetadata = {
  byline: null,
  credit: null,
  caption: null,
  headline: null,
  copyright: null,
  keywords: [],
  city: null,
  country: null,
  capturedAt: null,
  camera: null,
  gps: null,
};

/**
 * Newsroom metadata from EXIF, IPTC-IIM and XMP. Where several standards carry the same field, IPTC
 * wins (it is what agency tools edit), then XMP, then EXIF. Headline falls back to the IPTC Object
 * Name / XMP title, which many cameras-to-desk tools fill instead. Metadata is best-effort: a damaged
 * metadata block never fails an otherwise readable photo.
 */
export async function photoMetadata(input: Buffer): Promise<PhotoMetadata> {
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(input, { iptc: true, xmp: true, gps: true, reviveValues: false })) as Record<string, unknown> | undefined;
  } catch {
    return EMPTY;
  }
  if (!tags) return EMPTY;
  const make = text(tags.Make);
  const model = text(tags.Model);
  return {
    byline: text(tags.Byline) ?? text(tags.creator) ?? text(tags.Artist),
    // IPTC-IIM 2:110 and XMP photoshop:Credit both come out of exifr as Credit.
    credit: text(tags.Credit),
    caption: text(tags.Caption) ?? text(tags.description) ?? text(tags.ImageDescription),
    headline: text(tags.Headline) ?? text(tags.ObjectName) ?? text(tags.title),
    copyright: text(tags.CopyrightNotice) ?? text(tags.rights) ?? text(tags.Copyright),
    keywords: [...new Set([...texts(tags.Keywords), ...texts(tags.subject)])],
    city: text(tags.City),
    country: text(tags.Country),
    capturedAt: captureDate(tags),
    camera: make || model ? { make, model } : null,
    gps: gps(tags),
  };
}

function gps(tags: Record<string, unknown>): PhotoMetadata['gps'] {
  const { latitude, longitude } = tags;
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude)) {
    return null;
  }
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const altitude = typeof tags.GPSAltitude === 'number' && Number.isFinite(tags.GPSAltitude) ? tags.GPSAltitude : undefined;
  if (altitude === undefined) return { latitude, longitude };
  // GPSAltitudeRef 1 means below sea level; exifr leaves it as a number or a one-byte array.
  const ref = tags.GPSAltitudeRef;
  const below = ref === 1 || (ref instanceof Uint8Array && ref[0] === 1) || (Array.isArray(ref) && ref[0] === 1);
  return { latitude, longitude, altitude: below ? -altitude : altitude };
}

/** A tag as trimmed text: plain strings, XMP lang-alt `{ lang, value }` and lists (first entry). */
function text(value: unknown): string | null {
  if (typeof value === 'string') {
    // Some cameras pad empty fields with spaces or NULs.
    const trimmed = value.replace(/\0/g, '').trim();
    return trimmed === '' ? null : trimmed;
  }
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length > 0 ? text(value[0]) : null;
  if (value && typeof value === 'object' && 'value' in value) return text(value.value);
  return null;
}

function texts(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map(text).filter((t): t is string => t !== null);
}
