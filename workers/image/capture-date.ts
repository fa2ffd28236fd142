/**
 * When the photo was taken, as ISO 8601. EXIF stores local wall-clock time without a zone
 * ("2011:08:15 13:24:08"), so the answer carries an offset only when the file records one
 * (EXIF OffsetTimeOriginal, XMP, IPTC TimeCreated); otherwise it is local time with no zone —
 * inventing "Z" would shift the time by the photographer's offset.
 * Read from the raw tag strings (exifr `reviveValues: false`), not from Date objects that
 * would silently take the worker's own time zone.
 */
export function captureDate(tags: Record<string, unknown>): string | null {
  return (
    fromExif(tags.DateTimeOriginal, tags.OffsetTimeOriginal) ??
    fromIptc(tags.DateCreated, tags.TimeCreated) ??
    fromExif(tags.CreateDate, tags.OffsetTimeDigitized) ??
    null
  );
}

const EXIF_DATE = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const IPTC_DATE = /^(\d{4})-?(\d{2})-?(\d{2})$/;
const IPTC_TIME = /^(\d{2}):?(\d{2}):?(\d{2})(Z|[+-]\d{2}:?\d{2})?$/;
const OFFSET = /^(Z|[+-]\d{2}:?\d{2})$/;

function fromExif(value: unknown, offset: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value !== 'string') return null;
  const m = EXIF_DATE.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s = '00', frac = '', zone] = m;
  const tz = zone ?? (typeof offset === 'string' && OFFSET.test(offset.trim()) ? offset.trim() : '');
  return build(y, mo, d, `${h}:${mi}:${s}${frac}`, tz);
}

function fromIptc(date: unknown, time: unknown): string | null {
  if (typeof date !== 'string') return null;
  const d = IPTC_DATE.exec(date.trim());
  if (!d) return null;
  const t = typeof time === 'string' ? IPTC_TIME.exec(time.trim()) : null;
  // A date alone is still a capture date; midnight would be invented precision, so give only the day.
  if (!t) return build(d[1], d[2], d[3], null, '');
  return build(d[1], d[2], d[3], `${t[1]}:${t[2]}:${t[3]}`, t[4] ?? '');
}

function build(y?: string, mo?: string, d?: string, time?: string | null, zone?: string): string | null {
  const month = Number(mo);
  const day = Number(d);
  // Cameras without a set clock write "0000:00:00 00:00:00".
  if (!y || Number(y) < 1800 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const tz = zone && zone !== 'Z' && !zone.includes(':') ? `${zone.slice(0, 3)}:${zone.slice(3)}` : (zone ?? '');
  return time === null ? `${y}-${mo}-${d}` : `${y}-${mo}-${d}T${time}${tz}`;
}
