import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzePhoto } from './analyze-photo.js';
import { hammingDistance } from '../../adapters/duplicate-index/hamming-distance.js';
import { DECODABLE_PHOTOS, fixture } from '../../test/support/fixtures.js';

const PHOTOS = DECODABLE_PHOTOS;
const EDGES = ['right', 'left', 'bottom', 'top'] as const;

type Variant = { photo: string; kind: string; hash: string; distance: number };

/** The copies a desk receives of one photo, as JPEG: half size, re-compressed, and cropped by `percent` off each edge. */
async function variants(input: Buffer): Promise<Record<string, Buffer>> {
  const { data, info } = await sharp(input).rotate().raw().toBuffer({ resolveWithObject: true });
  const pixels = () => sharp(data, { raw: info });
  const { width, height } = info;
  const copies: Record<string, Buffer> = {
    'half size, JPEG q75': await pixels()
      .resize(Math.round(width / 2))
      .jpeg({ quality: 75 })
      .toBuffer(),
    're-compressed, JPEG q50': await pixels().jpeg({ quality: 50 }).toBuffer(),
  };
  for (const percent of [1, 2]) {
    const dx = Math.round((width * percent) / 100);
    const dy = Math.round((height * percent) / 100);
    const regions = {
      right: { left: 0, top: 0, width: width - dx, height },
      left: { left: dx, top: 0, width: width - dx, height },
      bottom: { left: 0, top: 0, width, height: height - dy },
      top: { left: 0, top: dy, width, height: height - dy },
    };
    for (const edge of EDGES) copies[`crop ${percent}% ${edge}`] = await pixels().extract(regions[edge]).jpeg({ quality: 90 }).toBuffer();
  }
  return copies;
}

const hashOf = async (input: Buffer) => (await analyzePhoto(input, { maxPixels: 100_000_000 })).perceptualHash;

/**
 * Where NEWSDESK_NEAR_DUPLICATE_BITS (default 6) stands on real photos. Measured: half-size and
 * re-compressed copies stay within 3 bits and 1% crops within 5, but 2% crops reach 10 (a crop
 * moves the 9×8 grid's cell edges) and 5% crops 17, while unrelated photos and their copies are at
 * least 21 apart. So 6 catches resized and re-compressed copies and crops of about 1%; catching 2%
 * crops takes 10, which still leaves a margin of 11 here.
 */
describe('the near-duplicate threshold on the fixture photos', () => {
  const measured: Variant[] = [];
  beforeAll(async () => {
    for (const photo of PHOTOS) {
      const original = await hashOf(fixture(photo));
      measured.push({ photo, kind: 'original', hash: original, distance: 0 });
      for (const [kind, copy] of Object.entries(await variants(fixture(photo)))) {
        const hash = await hashOf(copy);
        measured.push({ photo, kind, hash, distance: hammingDistance(original, hash) });
      }
    }
  }, 180_000);
  const worst = (pattern: RegExp) =>
    measured
      .filter((v) => pattern.test(v.kind))
      .reduce((a, b) => (b.distance > a.distance ? b : a), { photo: '', kind: '', hash: '', distance: -1 });

  it('puts half-size and re-compressed JPEG copies within the default 6 bits', () => {
    const { photo, kind, distance } = worst(/half|re-compressed/);
    expect(distance, `${photo}, ${kind}`).toBeLessThanOrEqual(6);
  });

  it('puts copies cropped 1% off any edge within 6 bits', () => {
    const { photo, kind, distance } = worst(/crop 1%/);
    expect(distance, `${photo}, ${kind}`).toBeLessThanOrEqual(6);
  });

  it('needs 10 bits, not 6, for copies cropped 2% off an edge', () => {
    const { photo, kind, distance } = worst(/crop 2%/);
    expect(distance, `${photo}, ${kind}`).toBeLessThanOrEqual(10);
  });

  it('keeps unrelated photos and their copies more than 10 bits apart', () => {
    let closest = { pair: '', distance: 64 };
    for (const a of measured)
      for (const b of measured) {
        if (a.photo >= b.photo) continue;
        const distance = hammingDistance(a.hash, b.hash);
        if (distance < closest.distance) closest = { pair: `${a.photo} (${a.kind}) / ${b.photo} (${b.kind})`, distance };
      }
    expect(closest.distance, closest.pair).toBeGreaterThan(10);
  });
});
