import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { JpegStream } from './jpeg-stream.js';

const jpeg = (colour: string, width = 64, height = 48) =>
  sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();

/** Noise codes to many 0xFF bytes, which the entropy coder must stuff with 0x00. */
async function noisyJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(320 * 240 * 3);
  for (let i = 0, x = 12345; i < pixels.length; i++) pixels[i] = (x = (x * 1103515245 + 12345) >>> 0) >>> 24;
  const image = await sharp(pixels, { raw: { width: 320, height: 240, channels: 3 } })
    .jpeg({ quality: 95 })
    .toBuffer();
  expect(image.subarray(image.indexOf(Buffer.from([0xff, 0xda]))).includes(Buffer.from([0xff, 0x00]))).toBe(true);
  return image;
}

/** A JPEG with a COM segment whose bytes read FF D9 (EOI) and FF D8 (SOI): only segment lengths tell. */
function withTrickyComment(image: Buffer): Buffer {
  const text = Buffer.from([0xff, 0xd9, 0xff, 0xd8, 0x00, 0xff]);
  const segment = Buffer.concat([Buffer.from([0xff, 0xfe, 0x00, text.length + 2]), text]);
  return Buffer.concat([image.subarray(0, 2), segment, image.subarray(2)]);
}

function feed(stream: JpegStream, bytes: Buffer, chunkSizes: (i: number) => number): Buffer[] {
  const out: Buffer[] = [];
  for (let pos = 0, i = 0; pos < bytes.length; i++) {
    const size = Math.max(1, chunkSizes(i));
    out.push(...stream.push(bytes.subarray(pos, pos + size)));
    pos += size;
  }
  return out;
}

describe('JpegStream', () => {
  it('splits a stream of JPEGs however it is chunked', async () => {
    const images = [await jpeg('#f00'), withTrickyComment(await jpeg('#0f0', 33, 17)), await noisyJpeg(), await jpeg('#00f', 640, 360)];
    const stream = Buffer.concat(images);
    for (const chunking of [() => 61, () => 4096, (i: number) => ((i * 7919) % 977) + 1, () => stream.length]) {
      const splitter = new JpegStream();
      expect(feed(splitter, stream, chunking)).toEqual(images);
      expect(splitter.pendingBytes).toBe(0);
    }
  });

  it('splits small images fed a byte at a time', async () => {
    const images = [await jpeg('#f00', 8, 8), withTrickyComment(await jpeg('#0f0', 9, 7))];
    expect(feed(new JpegStream(), Buffer.concat(images), () => 1)).toEqual(images);
  });

  it('holds back an unfinished image', async () => {
    const image = await jpeg('#888');
    const splitter = new JpegStream();
    expect(splitter.push(image.subarray(0, image.length - 1))).toEqual([]);
    expect(splitter.pendingBytes).toBe(image.length - 1);
    expect(splitter.push(image.subarray(image.length - 1))).toEqual([image]);
  });

  it('refuses bytes that are not JPEG', () => {
    expect(() => new JpegStream().push(Buffer.from('not a jpeg'))).toThrow(/does not start with SOI/);
  });
});
