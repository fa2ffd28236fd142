import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { analyzePhoto } from './analyze-photo.js';
import { PhotoRejected } from './errors.js';
import { pngClaiming, truncated } from '../../test/support/bad-media.js';
import { fixture } from '../../test/support/fixtures.js';

const options = { maxPixels: 100_000_000 };
const rejection = (input: Buffer) => analyzePhoto(input, options).catch((e: unknown) => e);

describe('analyzePhoto refuses', () => {
  it('a 60,000 × 60,000 PNG bomb from its header, before decoding', async () => {
    const bomb = await pngClaiming(60_000, 60_000);
    expect(bomb.length).toBeLessThan(100);
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const error = await rejection(bomb);
    const elapsed = performance.now() - started;

    expect(error).toBeInstanceOf(PhotoRejected);
    expect(error).toMatchObject({ code: 'pixel-limit', retryable: false });
    expect((error as Error).message).toBe('image is 60000×60000 = 3.6 gigapixels, over the 100 megapixel limit');
    expect(elapsed).toBeLessThan(250);
    // Decoding would need 10.8 GB; allow noise, not an allocation.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('an image just over the limit', async () => {
    const png = await pngClaiming(10_001, 10_000);
    expect(await rejection(png)).toMatchObject({ code: 'pixel-limit' });
  });

  it('a truncated JPEG (first 40%) as corrupt, though its header is intact', async () => {
    const error = await rejection(truncated(fixture('police-cars.jpg'), 0.4));
    expect(error).toBeInstanceOf(PhotoRejected);
    expect(error).toMatchObject({ code: 'corrupt' });
    expect((error as Error).message).toMatch(/^jpeg image is damaged or truncated: .*premature end/i);
  });

  it('a truncated PNG as corrupt', async () => {
    expect(await rejection(truncated(fixture('cat-chelsea.png'), 0.4))).toMatchObject({ code: 'corrupt' });
  });

  it('random bytes as unsupported-format', async () => {
    // Deterministic "random" bytes, so a failure reproduces.
    const bytes = Buffer.concat(Array.from({ length: 128 }, (_, i) => createHash('sha256').update(String(i)).digest()));
    const error = await rejection(bytes);
    expect(error).toBeInstanceOf(PhotoRejected);
    expect(error).toMatchObject({ code: 'unsupported-format', message: 'not a recognised image format' });
  });

  it('an SVG, which sharp could render but is not a photo, as unsupported-format', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    expect(await rejection(svg)).toMatchObject({ code: 'unsupported-format', message: 'svg images are not accepted as photos' });
  });
});
