import { describe, expect, it } from 'vitest';
import { sniffHeadBytes, sniffMedia } from './sniff-media.js';
import { fixture } from '../../test/support/fixtures.js';

const bytes = (...parts: (string | number[] | Buffer)[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
const u32le = (n: number) => u32be(n).reverse();
/** An ISO-BMFF `ftyp` box (ISO/IEC 14496-12 §4.3) followed by a little binary, as a real file's next box. */
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible, u32be(8), 'free');
/** A QuickTime atom: 32-bit size, type, payload. */
const atom = (type: string, payload: Buffer = Buffer.alloc(0)) => bytes(u32be(8 + payload.length), type, payload);
/** An EBML element with a one-byte size (values under 127 bytes). */
const ebml = (id: number[], payload: Buffer) => bytes(id, [0x80 | payload.length], payload);
const ebmlHeader = (docType: string) =>
  ebml([0x1a, 0x45, 0xdf, 0xa3], bytes(ebml([0x42, 0x86], bytes([1])), ebml([0x42, 0xf7], bytes([1])), ebml([0x42, 0x82], bytes(docType))));
/** 188-byte MPEG-TS packets (ISO/IEC 13818-1: sync byte, PID 0x0100, payload only, stuffing), each after `prefix` bytes of timecode. */
const tsPackets = (count: number, prefix = 0) =>
  Buffer.concat(
    Array.from({ length: count }, (_, i) => bytes(Array(prefix).fill(0x00), [0x47, 0x01, 0x00, 0x10 | (i & 0x0f)], Array(184).fill(0xff))),
  );

describe('sniffMedia on the real fixtures (types as in test/fixtures/MANIFEST.md)', () => {
  it.each([
    ['astronaut-eileen-collins.png', 'image/png'],
    ['cat-chelsea.png', 'image/png'],
    ['runners-race.jpg', 'image/jpeg'],
    ['police-cars.jpg', 'image/jpeg'],
    ['highway-signs-fog.jpg', 'image/jpeg'],
    ['squirrel-exif-iptc.jpg', 'image/jpeg'],
    ['riot-police-bw.jpg', 'image/jpeg'],
    ['dog-bicycle-truck.jpg', 'image/jpeg'],
    ['seashore-dusk-iphone7.heic', 'image/heic'],
    ['highway-dashcam-720p.mp4', 'video/mp4'],
    ['tears-of-steel-cuts.mp4', 'video/mp4'],
    ['selfie-cyclists-rotate-90.mp4', 'video/mp4'],
    ['marathon-crowd.mkv', 'video/x-matroska'],
    ['event-people-vp8-opus.webm', 'video/webm'],
    ['countdown-speech-1080p.avi', 'video/x-msvideo'],
  ])('%s is %s', (name, type) => {
    const file = fixture(name);
    expect(sniffMedia(file.subarray(0, sniffHeadBytes))).toBe(type);
    // Given the whole file, it still looks at the head only, with the same answer.
    expect(sniffMedia(file)).toBe(type);
  });
});

describe('sniffMedia on headers built from the formats’ specifications', () => {
  it.each([
    ['GIF87a', bytes('GIF87a', [0x0a, 0x00, 0x0a, 0x00, 0x80, 0x00, 0x00]), 'image/gif'],
    ['GIF89a', bytes('GIF89a', [0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00], ',', [0, 0, 0, 0]), 'image/gif'],
    ['little-endian TIFF', bytes('II*', [0x00], u32le(8), [0x00, 0x00]), 'image/tiff'],
    ['big-endian TIFF', bytes('MM', [0x00, 0x2a], u32be(8), [0x00, 0x00]), 'image/tiff'],
    ['BigTIFF', bytes('II+', [0x00, 0x08, 0x00, 0x00, 0x00], u32le(16), u32le(0)), 'image/tiff'],
    ['lossy WebP', bytes('RIFF', u32le(30), 'WEBP', 'VP8 ', u32le(18), [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a]), 'image/webp'],
    ['lossless WebP', bytes('RIFF', u32le(20), 'WEBPVP8L', u32le(8), [0x2f, 0x00, 0x00, 0x00]), 'image/webp'],
    ['AVI', bytes('RIFF', u32le(1000), 'AVI LIST', u32le(200), 'hdrlavih'), 'video/x-msvideo'],
    ['HEIF with major brand heix', ftyp('heix', 'mif1', 'heix'), 'image/heic'],
    ['HEIF with major brand mif1 (HEIC compatible)', ftyp('mif1', 'mif1', 'heic', 'miaf'), 'image/heic'],
    ['HEIF image sequence (msf1)', ftyp('msf1', 'msf1', 'hevc'), 'image/heic'],
    ['MP4 (isom)', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4'],
    ['MP4 (mp42)', ftyp('mp42', 'mp42', 'isom'), 'video/mp4'],
    ['MP4 (iso6, DASH)', ftyp('iso6', 'dash'), 'video/mp4'],
    ['iTunes M4V', ftyp('M4V ', 'M4V ', 'M4A ', 'mp42', 'isom'), 'video/mp4'],
    ['3GPP', ftyp('3gp4', '3gp4', 'isom'), 'video/mp4'],
    ['3GPP2', ftyp('3g2a', '3g2a'), 'video/mp4'],
    ['Flash F4V', ftyp('f4v ', 'isom', 'mp42', 'm4v '), 'video/mp4'],
    ['Sony XAVC (unknown major brand, MP4-compatible)', ftyp('XAVC', 'XAVC', 'mp42', 'iso2'), 'video/mp4'],
    ['QuickTime with ftyp', ftyp('qt  ', 'qt  '), 'video/quicktime'],
    ['QuickTime starting with moov', atom('moov', atom('mvhd', Buffer.alloc(100))), 'video/quicktime'],
    ['QuickTime starting with mdat', bytes(u32be(5000), 'mdat', [0x00, 0x00, 0x02, 0x10, 0x06, 0x05]), 'video/quicktime'],
    ['QuickTime starting with wide then mdat', bytes(atom('wide'), u32be(5000), 'mdat', [0x00, 0x00, 0x02]), 'video/quicktime'],
    [
      'QuickTime starting with free then moov',
      bytes(atom('free', Buffer.alloc(16)), atom('moov', atom('mvhd', Buffer.alloc(100)))),
      'video/quicktime',
    ],
    [
      'QuickTime starting with skip then wide then mdat',
      bytes(atom('skip', Buffer.alloc(4)), atom('wide'), u32be(0), 'mdat'),
      'video/quicktime',
    ],
    ['MP4 with a free atom before its ftyp', bytes(atom('free', Buffer.alloc(8)), ftyp('isom', 'mp41')), 'video/mp4'],
    ['QuickTime mdat with a 64-bit size', bytes(u32be(1), 'mdat', [0, 0, 0, 1, 0, 0, 0, 0]), 'video/quicktime'],
    ['WebM (DocType after other header elements)', bytes(ebmlHeader('webm'), [0x18, 0x53, 0x80, 0x67]), 'video/webm'],
    ['Matroska', bytes(ebmlHeader('matroska'), [0x18, 0x53, 0x80, 0x67]), 'video/x-matroska'],
    ['Matroska with a NUL-padded DocType', ebmlHeader('matroska\0\0'), 'video/x-matroska'],
    ['MPEG-TS, three packets', tsPackets(3), 'video/mp2t'],
    ['MPEG-TS, 189 bytes (sync at 0 and 188 only)', tsPackets(2).subarray(0, 189), 'video/mp2t'],
    ['MPEG-TS, a full head of packets', tsPackets(30), 'video/mp2t'],
    ['M2TS (192-byte packets after a timecode)', tsPackets(3, 4), 'video/mp2t'],
  ])('%s', (_name, head, type) => expect(sniffMedia(head)).toBe(type));

  it('looks at the first sniffHeadBytes only', () => {
    // Sync bytes every 188 bytes up to 4096, then garbage where the next packet would start.
    const ts = tsPackets(30);
    ts[22 * 188] = 0x00;
    expect(22 * 188).toBeGreaterThan(sniffHeadBytes);
    expect(sniffMedia(ts)).toBe('video/mp2t');
    ts[21 * 188] = 0x00; // inside the head: no longer a transport stream
    expect(sniffMedia(ts)).toBeUndefined();
  });
});

describe('sniffMedia refuses what is not accepted media', () => {
  const jpeg = fixture('runners-race.jpg');
  it.each([
    ['zero bytes', Buffer.alloc(0)],
    ['plain text', bytes('Breaking: a photographer filed this caption instead of a photo.\n')],
    ['text that starts like a QuickTime free atom', bytes('The freedom of the press is not a video format, whatever the file is called.')],
    ['text that starts like a moov atom', bytes('Jim moov', 'e'.repeat(200))],
    ['text with G every 188 bytes', bytes(Array.from({ length: 3 }, () => 'G' + 'x'.repeat(187)).join(''))],
    ['a PDF', bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n')],
    ['a ZIP', bytes('PK', [0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00], Buffer.alloc(20))],
    ['an ELF executable', bytes([0x7f], 'ELF', [0x02, 0x01, 0x01, 0x00], Buffer.alloc(8))],
    ['an HTML page', bytes('<!doctype html><html><body><img src="x.jpg"></body></html>')],
    ['a WAV (RIFF but not WEBP or AVI)', bytes('RIFF', u32le(36), 'WAVEfmt ', u32le(16))],
    ['an ftyp with an unknown brand', ftyp('abcd', 'abcd', 'efgh')],
    ['AVIF (HEIF structure, AV1 image)', ftyp('avif', 'avif', 'mif1', 'miaf', 'MA1B')],
    ['AVIF under the generic mif1 brand', ftyp('mif1', 'mif1', 'avif', 'miaf')],
    ['audio-only MP4 (M4A)', ftyp('M4A ', 'M4A ', 'mp42', 'isom')],
    ['Canon CR3 raw', ftyp('crx ', 'crx ', 'isom')],
    ['an ftyp box too small to hold a brand', bytes(u32be(8), 'ftyp', 'isom')],
    ['an EBML file of another DocType', ebmlHeader('foobar')],
    ['an EBML header without a DocType', ebml([0x1a, 0x45, 0xdf, 0xa3], ebml([0x42, 0x86], bytes([1])))],
    ['an EBML header cut inside the DocType', ebmlHeader('matroska').subarray(0, 20)],
    ['an atom that QuickTime files do not start with', atom('uuid', Buffer.alloc(32))],
    ['a free atom followed by something that is not an atom', bytes(atom('free', Buffer.alloc(8)), [0, 0, 0, 3], 'zzzz', Buffer.alloc(8))],
    ['one MPEG-TS packet only', tsPackets(1)],
    [
      'MPEG-TS sync at 0 and 188 but not 376',
      (() => {
        const ts = tsPackets(3);
        ts[376] = 0x00;
        return ts;
      })(),
    ],
    ['a JPEG signature cut short', jpeg.subarray(0, 2)],
    ['a PNG signature cut short', fixture('cat-chelsea.png').subarray(0, 7)],
    ['a GIF signature cut short', bytes('GIF89')],
    ['a TIFF signature cut short', bytes('II*')],
    ['a RIFF header cut before its form type', bytes('RIFF', u32le(100), 'WEB')],
    ['an ftyp cut before its brand', bytes(u32be(24), 'ftyp', 'is')],
    ['a JPEG whose first byte is lost', jpeg.subarray(1, 4096)],
  ])('%s', (_name, head) => expect(sniffMedia(head)).toBeUndefined());
});
