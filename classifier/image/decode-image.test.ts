import sharp, { type Sharp } from 'sharp';
import { describe, expect, it } from 'vitest';
import { pngClaiming, truncated } from '../../test/support/bad-media.js';
import { ImageAnalysisError } from '../errors.js';
import { decodeImage } from './decode-image.js';
import { sniffFormat } from './sniff-format.js';

const limits = { maxBytes: 20_971_520, maxPixels: 100_000_000, maxSide: 2048 };
const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: channels === 4 ? { r: 0, g: 0, b: 0, alpha: 0 } : '#3366cc' } });
// Noise keeps the JPEG large enough that cutting it loses real scan data, not only the end marker.
const noisyJpeg = () =>
  sharp(Buffer.from(Array.from({ length: 400 * 300 * 3 }, (_, i) => (i * 7919) % 251)), { raw: { width: 400, height: 300, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();

const refusal = async (bytes: Buffer, overrides: Partial<typeof limits> = {}) => {
  const error = await decodeImage(bytes, { ...limits, ...overrides }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ImageAnalysisError);
  const { status, code, innerCode, message } = error as ImageAnalysisError;
  return { status, code, innerCode, message };
};

describe('decodeImage', () => {
  it('decodes to 3-channel pixels and reports the size', async () => {
    const decoded = await decodeImage(await solid(120, 80).png().toBuffer(), limits);
    expect(decoded).toMatchObject({ width: 120, height: 80, image: { width: 120, height: 80 } });
    expect(decoded.image.data).toHaveLength(120 * 80 * 3);
  });

  it.each([
    ['jpeg', (s: Sharp) => s.jpeg()],
    ['png', (s: Sharp) => s.png()],
    ['webp', (s: Sharp) => s.webp()],
    ['gif', (s: Sharp) => s.gif()],
    ['tiff', (s: Sharp) => s.tiff()],
  ])('takes %s, as Azure does', async (format, encode) => {
    const bytes = await encode(solid(64, 64)).toBuffer();
    expect(sniffFormat(bytes)).toBe(format);
    await expect(decodeImage(bytes, limits)).resolves.toMatchObject({ width: 64, height: 64 });
  });

  it('applies EXIF orientation: the size and the pixels are as the picture displays', async () => {
    const rotated = await solid(200, 100).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect(await decodeImage(rotated, limits)).toMatchObject({ width: 100, height: 200, image: { width: 100, height: 200 } });
  });

  it('scales the analysed image down to the long side, keeping the picture size', async () => {
    const decoded = await decodeImage(await solid(3000, 1000).jpeg().toBuffer(), { ...limits, maxSide: 600 });
    expect(decoded).toMatchObject({ width: 3000, height: 1000, image: { width: 600, height: 200 } });
  });

  it('turns grey and transparent images into 3-channel sRGB', async () => {
    const grey = await decodeImage(await solid(60, 60).greyscale().jpeg().toBuffer(), limits);
    expect(grey.image.data).toHaveLength(60 * 60 * 3);
    const clear = await decodeImage(await solid(60, 60, 4).png().toBuffer(), limits);
    expect([...clear.image.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it("refuses 0 bytes and too many with Azure's size error", async () => {
    const expected = {
      status: 400,
      code: 'InvalidRequest',
      innerCode: undefined,
      message: 'The image size is not allowed to be zero or larger than 20971520 bytes.',
    };
    expect(await refusal(Buffer.alloc(0))).toEqual(expected);
    expect((await refusal(await solid(64, 64).png().toBuffer(), { maxBytes: 100 })).message).toBe(
      'The image size is not allowed to be zero or larger than 100 bytes.',
    );
  });

  it.each([
    ['text', Buffer.from('%PDF-1.7 this is not a picture')],
    ['an SVG (never handed to a renderer)', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>')],
    ['a BMP header', Buffer.concat([Buffer.from('BM'), Buffer.alloc(100)])],
    ['a JPEG signature and garbage', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)])],
  ])('refuses %s as InvalidImageFormat', async (_, bytes) => {
    expect(await refusal(bytes)).toMatchObject({ status: 400, innerCode: 'InvalidImageFormat', message: 'Image format is not valid.' });
  });

  it('refuses a truncated JPEG and a truncated PNG instead of analysing half a picture', async () => {
    expect((await refusal(truncated(await noisyJpeg(), 0.5))).innerCode).toBe('InvalidImageFormat');
    const png = await sharp(await noisyJpeg())
      .png()
      .toBuffer();
    expect((await refusal(truncated(png, 0.6))).innerCode).toBe('InvalidImageFormat');
  });

  it('refuses a 60000×60000 PNG bomb by its header, before decoding', async () => {
    const started = performance.now();
    expect(await refusal(await pngClaiming(60_000, 60_000))).toEqual({
      status: 400,
      code: 'InvalidRequest',
      innerCode: 'InvalidImageSize',
      message: 'The image dimension is not allowed to be smaller than 50 and larger than 16000.',
    });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses sides under 50 pixels, and pixels over the decoding limit within 16000 per side', async () => {
    expect((await refusal(await solid(49, 400).png().toBuffer())).innerCode).toBe('InvalidImageSize');
    expect(await refusal(await pngClaiming(15_000, 15_000))).toMatchObject({
      innerCode: 'InvalidImageSize',
      message: 'The image has 225000000 pixels; this service decodes at most 100000000.',
    });
  });
});
