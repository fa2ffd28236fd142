import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { analyzePhoto } from './analyze-photo.js';
import { PhotoRejected } from './errors.js';
import { fixture } from '../../test/support/fixtures.js';

const options = { maxPixels: 100_000_000 };

describe('analyzePhoto on the fixture photos', () => {
  // Dimensions and formats from test/fixtures/MANIFEST.md.
  it.each([
    ['astronaut-eileen-collins.png', 'png', 512, 512],
    ['cat-chelsea.png', 'png', 451, 300],
    ['runners-race.jpg', 'jpeg', 640, 428],
    ['police-cars.jpg', 'jpeg', 2428, 1459],
    ['highway-signs-fog.jpg', 'jpeg', 1781, 1024],
    ['squirrel-exif-iptc.jpg', 'jpeg', 1394, 930],
    ['riot-police-bw.jpg', 'jpeg', 5072, 3373],
    ['dog-bicycle-truck.jpg', 'jpeg', 768, 576],
  ])('%s is a %s of %i×%i', async (name, format, width, height) => {
    const result = await analyzePhoto(fixture(name), options);
    expect(result).toMatchObject({ format, width, height, colourSpace: 'srgb', hasAlpha: false });
    expect(result.perceptualHash).toMatch(/^[0-9a-f]{16}$/);
    expect(result.dominantColours.length).toBeGreaterThanOrEqual(3);
    expect(result.dominantColours.length).toBeLessThanOrEqual(5);
    for (const colour of result.dominantColours) expect(colour).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('refuses the HEVC-coded HEIC as unsupported: this libvips build has no HEVC decoder', async () => {
    const error = await analyzePhoto(fixture('seashore-dusk-iphone7.heic'), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PhotoRejected);
    expect(error).toMatchObject({ code: 'unsupported-format', retryable: false });
    expect((error as Error).message).toBe(
      '4032×3024 HEIF image coded with HEVC cannot be decoded: this build of libvips has no HEVC decoder',
    );
  });

  it('reads EXIF, IPTC and GPS of the squirrel', async () => {
    const { metadata, orientation } = await analyzePhoto(fixture('squirrel-exif-iptc.jpg'), options);
    expect(orientation).toBe(1);
    expect(metadata).toMatchObject({
      byline: 'Patrik',
      caption: 'Squirrel at berkely',
      headline: 'Squirrel at berkely', // no IPTC Headline: the Object Name stands in
      copyright: null,
      keywords: ['Alvin the Squirrel', 'Berkley', 'USA'],
      city: 'Berkeley',
      country: 'United States',
      capturedAt: '2015-06-11T10:29:26',
      camera: { make: 'Canon', model: 'Canon EOS 600D' },
    });
    // 37°52'15.94"N 122°15'24.41"W, 90 m.
    expect(metadata.gps?.latitude).toBeCloseTo(37 + 52 / 60 + 15.94 / 3600, 4);
    expect(metadata.gps?.longitude).toBeCloseTo(-(122 + 15 / 60 + 24.41 / 3600), 4);
    expect(metadata.gps?.altitude).toBe(90);
  });

  it('reads camera and capture time of the police cars, and no GPS', async () => {
    const { metadata, orientation } = await analyzePhoto(fixture('police-cars.jpg'), options);
    expect(orientation).toBeNull();
    expect(metadata.camera).toEqual({ make: 'Canon', model: 'Canon EOS DIGITAL REBEL XSi' });
    expect(metadata.capturedAt).toBe('2011-08-15T13:24:08');
    expect(metadata.gps).toBeNull();
    expect(metadata.byline).toBeNull();
    expect(metadata.keywords).toEqual([]);
  });

  it('makes WebP thumbnails that fit their slot and are never enlarged', async () => {
    const astronaut = await analyzePhoto(fixture('astronaut-eileen-collins.png'), options);
    const sizes = await Promise.all(
      astronaut.thumbnails.map(async (t) => {
        const meta = await sharp(t.webp).metadata();
        return { slot: t.width, format: meta.format, width: meta.width, height: meta.height, reported: [t.pixelWidth, t.pixelHeight] };
      }),
    );
    // The 512×512 source fills the 320 slot, and stays 512×512 in the 1280 slot.
    expect(sizes).toEqual([
      { slot: 320, format: 'webp', width: 320, height: 320, reported: [320, 320] },
      { slot: 1280, format: 'webp', width: 512, height: 512, reported: [512, 512] },
    ]);

    const police = await analyzePhoto(fixture('police-cars.jpg'), options);
    const [small, large] = await Promise.all(police.thumbnails.map((t) => sharp(t.webp).metadata()));
    expect([small?.width, small?.height]).toEqual([320, 192]);
    expect([large?.width, large?.height]).toEqual([1280, 769]);
  });
});
