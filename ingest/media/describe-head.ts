import { ebmlDocType } from '../../lib/media/ebml-doctype.js';
import { looksLikeText } from '../../lib/media/looks-like-text.js';

/** Well-known non-media signatures, so a refusal can say what the client actually sent. */
const SIGNATURES: [string, number[]][] = [
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // "%PDF-"
  ['application/zip', [0x50, 0x4b, 0x03, 0x04]], // also .docx, .xlsx, .epub
  ['application/gzip', [0x1f, 0x8b]],
  ['application/x-elf', [0x7f, 0x45, 0x4c, 0x46]],
  ['audio/mpeg', [0x49, 0x44, 0x33]], // "ID3" tag before MP3 frames
];
const FTYP_LABELS: Record<string, string> = { avif: 'image/avif', avis: 'image/avif', 'M4A ': 'audio/mp4', 'crx ': 'image/x-canon-cr3' };
const RIFF_LABELS: Record<string, string> = { WAVE: 'audio/wav' };

/**
 * A short label for content that `sniffMedia` did not accept (a MIME type where one is known, the
 * container's brand otherwise), or undefined when nothing is recognised. For messages only: it
 * never decides what is accepted.
 */
export function describeHead(head: Buffer): string | undefined {
  if (head.length === 0) return undefined;
  const ascii = (start: number, end: number) => (head.length >= end ? head.toString('latin1', start, end) : '');
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    return FTYP_LABELS[brand] ?? `an ISO media file of brand "${brand.trimEnd()}"`;
  }
  if (ascii(0, 4) === 'RIFF') return RIFF_LABELS[ascii(8, 12)] ?? `a RIFF file of type "${ascii(8, 12).trimEnd()}"`;
  const docType = ebmlDocType(head);
  if (docType !== undefined) return `an EBML file of type "${docType}"`;
  const known = SIGNATURES.find(([, magic]) => head.length >= magic.length && magic.every((b, i) => head[i] === b));
  if (known) return known[0];
  return looksLikeText(head) ? 'text/plain' : undefined;
}
