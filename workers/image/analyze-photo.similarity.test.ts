import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzePhoto } from './analyze-photo.js';
import { hammingDistance } from '../../adapters/duplicate-index/hamming-distance.js';
import { DECODABLE_PHOTOS, fixture } from '../../test/support/fixtures.js';

const options = { maxPixels: 100_000_000 };
const hashOf = async (input: Buffer) => (await analyzePhoto(input, options)).perceptualHash;

const PHOTOS = DECODABLE_PHOTOS;

describe('perceptual hash', () => {
  it.each(['squirrel-exif-iptc.jpg', 'police-cars.jpg', 'astronaut-eileen-collins.png', 'highway-signs-fog.jpg'])(
    'a half-size copy of %s re-encoded as JPEG quality 60 is a near-duplicate (distance ≤ 6)',
    async (name) => {
      const original = fixture(name);
      const { width = 0 } = await sharp(original).metadata();
      const copy = await sharp(original)
        .resize(Math.round(width / 2))
        .jpeg({ quality: 60 })
        .toBuffer();
      expect(hammingDistance(await hashOf(original), await hashOf(copy))).toBeLessThanOrEqual(6);
    },
  );

  it('different fixtures are at least 16 bits apart', async () => {
    const hashes = await Promise.all(PHOTOS.map(async (name) => [name, await hashOf(fixture(name))] as const));
    const closest = hashes
      .flatMap(([a, ha], i) => hashes.slice(i + 1).map(([b, hb]) => ({ pair: `${a} / ${b}`, distance: hammingDistance(ha, hb) })))
      .sort((x, y) => x.distance - y.distance)[0];
    expect(closest?.distance, closest?.pair).toBeGreaterThanOrEqual(16);
  });

  it('a copy stored rotated with EXIF Orientation 6 reports displayed size and hashes like the original', async () => {
    const original = fixture('dog-bicycle-truck.jpg'); // 768×576, displayed upright
    // Orientation 6 = "rotate 90° clockwise to display", so store the pixels turned 90° anticlockwise.
    const stored = await sharp(original).rotate(270).withMetadata({ orientation: 6 }).jpeg({ quality: 90 }).toBuffer();
    const storedHeader = await sharp(stored).metadata();
    expect([storedHeader.width, storedHeader.height, storedHeader.orientation]).toEqual([576, 768, 6]);

    const rotated = await analyzePhoto(stored, options);
    expect(rotated).toMatchObject({ width: 768, height: 576, orientation: 6 });
    expect(hammingDistance(rotated.perceptualHash, await hashOf(original))).toBeLessThanOrEqual(6);
    const [thumb] = await Promise.all(rotated.thumbnails.map((t) => sharp(t.webp).metadata()));
    expect([thumb?.width, thumb?.height]).toEqual([320, 240]);
  });
});
