import { createHash } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { EmptyFileError, FileTooLargeError, UnsupportedMediaError } from './errors.js';
import { createInspector, type Inspector } from './inspect-stream.js';
import { sniffHeadBytes } from '../../lib/media/sniff-media.js';
import { fixture } from '../../test/support/fixtures.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/** Feeds `data` in chunks of `chunkSize` through the inspector; returns what came out, or the error. */
async function run(inspector: Inspector, data: Buffer, chunkSize = 65536): Promise<{ out: Buffer; error?: unknown }> {
  const chunks: Buffer[] = [];
  for (let at = 0; at < data.length; at += chunkSize) chunks.push(data.subarray(at, at + chunkSize));
  const out: Buffer[] = [];
  const sink = new Writable({
    write: (chunk: Buffer, _e, done) => {
      out.push(chunk);
      done();
    },
  });
  try {
    await pipeline(Readable.from(chunks), inspector, sink);
    return { out: Buffer.concat(out) };
  } catch (error) {
    return { out: Buffer.concat(out), error };
  }
}

describe('createInspector', () => {
  it.each([
    ['police-cars.jpg', 'image/jpeg'],
    ['astronaut-eileen-collins.png', 'image/png'],
    ['seashore-dusk-iphone7.heic', 'image/heic'],
    ['event-people-vp8-opus.webm', 'video/webm'],
    ['countdown-speech-1080p.avi', 'video/x-msvideo'],
  ])('passes %s through unchanged and reports its size, SHA-256 and type', async (name, type) => {
    const file = fixture(name);
    const inspector = createInspector({ maxBytes: file.length });
    const { out, error } = await run(inspector, file, 10_000);
    expect(error).toBeUndefined();
    expect(out.equals(file)).toBe(true);
    expect(inspector.result()).toEqual({ size: file.length, sha256: sha256(file), contentType: type });
  });

  it('holds back the first bytes until it has sniffed them', async () => {
    const file = fixture('runners-race.jpg');
    const inspector = createInspector({ maxBytes: file.length });
    let passed = 0;
    inspector.on('data', (chunk: Buffer) => (passed += chunk.length));
    const write = (data: Buffer) => new Promise<void>((resolve) => inspector.write(data, () => setImmediate(resolve)));
    await write(file.subarray(0, 1000));
    await write(file.subarray(1000, sniffHeadBytes - 1));
    expect(passed).toBe(0);
    await write(file.subarray(sniffHeadBytes - 1, sniffHeadBytes + 10));
    expect(passed).toBe(sniffHeadBytes + 10);
    await write(file.subarray(sniffHeadBytes + 10, 9000));
    expect(passed).toBe(9000);
  });

  it('sniffs a file shorter than the head at its end', async () => {
    // A complete 1x1 GIF89a (GIF spec: header, screen descriptor, image descriptor, LZW data, trailer).
    const gif = Buffer.from('474946383961010001000000002c000000000100010000020144003b', 'hex');
    const inspector = createInspector({ maxBytes: 1000 });
    const { out, error } = await run(inspector, gif, 5);
    expect(error).toBeUndefined();
    expect(out.equals(gif)).toBe(true);
    expect(inspector.result()).toEqual({ size: gif.length, sha256: sha256(gif), contentType: 'image/gif' });
  });

  it('fails on text, saying what it looks like, before passing a single byte', async () => {
    const text = Buffer.from('Caption: riot police on 12th street.\n'.repeat(300));
    const inspector = createInspector({ maxBytes: 1_000_000 });
    const { out, error } = await run(inspector, text, 1000);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect(error).toMatchObject({ code: 'unsupported-media-type', status: 415, detected: 'text/plain' });
    expect(out.length).toBe(0);
    expect(() => inspector.result()).toThrow(/not finished/);
  });

  it.each([
    ['a short PDF', Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1'), 'application/pdf'],
    ['an AVIF', Buffer.from('0000001c667479706176696600000000617669666d6966316d696166', 'hex'), 'image/avif'],
    ['random bytes', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 251)), undefined],
  ])('fails on %s and carries what it detected', async (_name, data, detected) => {
    const { out, error } = await run(createInspector({ maxBytes: 1_000_000 }), data, 999);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect((error as UnsupportedMediaError).detected).toBe(detected);
    expect(out.length).toBe(0);
  });

  it('fails a file one byte over maxBytes and passes no byte beyond the limit', async () => {
    const file = fixture('cat-chelsea.png');
    const inspector = createInspector({ maxBytes: file.length - 1 });
    const { out, error } = await run(inspector, file, 4096);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(error).toMatchObject({ code: 'file-too-large', status: 413, limit: file.length - 1 });
    expect(out.length).toBeLessThan(file.length);
    expect(out.equals(file.subarray(0, out.length))).toBe(true);
  });

  it('accepts a file of exactly maxBytes', async () => {
    const file = fixture('cat-chelsea.png');
    const inspector = createInspector({ maxBytes: file.length });
    expect((await run(inspector, file)).error).toBeUndefined();
    expect(inspector.result().size).toBe(file.length);
  });

  it('fails when over the limit even before the head is complete', async () => {
    const { out, error } = await run(createInspector({ maxBytes: 100 }), fixture('runners-race.jpg'), 60);
    expect(error).toBeInstanceOf(FileTooLargeError);
    expect(out.length).toBe(0);
  });

  it('fails a zero-byte stream with EmptyFileError', async () => {
    const inspector = createInspector({ maxBytes: 10 });
    const { error } = await run(inspector, Buffer.alloc(0));
    expect(error).toBeInstanceOf(EmptyFileError);
    expect(error).toMatchObject({ code: 'empty-file', status: 400 });
  });

  it('has no result before the stream has finished', () => {
    const inspector = createInspector({ maxBytes: 10 });
    expect(() => inspector.result()).toThrow(/not finished/);
  });
});
