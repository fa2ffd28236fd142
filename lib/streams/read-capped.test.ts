import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readCapped } from './read-capped.js';
import { StreamAborted } from './stream-aborted.js';
import { TooLarge } from './too-large.js';

const chunks = (...parts: string[]) => Readable.from(parts.map((p) => Buffer.from(p)));

describe('readCapped', () => {
  it('reads a body up to the cap', async () => {
    expect((await readCapped(chunks('ab', 'cd'), 4)).toString()).toBe('abcd');
  });

  it('refuses a body past the cap with TooLarge, pausing the stream instead of destroying it', async () => {
    const stream = new PassThrough();
    const read = readCapped(stream, 4);
    stream.write('ab');
    stream.write('cde');
    await expect(read).rejects.toBeInstanceOf(TooLarge);
    expect(stream.destroyed).toBe(false);
    expect(stream.isPaused()).toBe(true);
  });

  it('refuses a declared length over the cap before reading a byte', async () => {
    const stream = chunks('ab');
    await expect(readCapped(stream, 4, { declaredBytes: 5 })).rejects.toMatchObject({ name: 'TooLarge', declaredBytes: 5 });
    expect(stream.readableFlowing).toBeNull();
    // A missing Content-Length (NaN) declares nothing.
    await expect(readCapped(stream, 4, { declaredBytes: Number(undefined) })).resolves.toEqual(Buffer.from('ab'));
  });

  it('rejects with StreamAborted when the stream fails or closes early', async () => {
    const failing = new PassThrough();
    const read = readCapped(failing, 10);
    failing.write('ab');
    failing.destroy(new Error('socket hang up'));
    await expect(read).rejects.toMatchObject({ name: 'StreamAborted', message: 'socket hang up' });

    const closing = new PassThrough();
    const closed = readCapped(closing, 10);
    closing.destroy();
    await expect(closed).rejects.toBeInstanceOf(StreamAborted);
  });

  it('as an excerpt, keeps the first bytes whatever happens after', async () => {
    expect((await readCapped(chunks('abc', 'def'), 4, { excerpt: true })).toString()).toBe('abcd');
    const failing = new PassThrough();
    const read = readCapped(failing, 10, { excerpt: true, declaredBytes: 1e9 });
    failing.write('ab');
    setImmediate(() => failing.destroy(new Error('timed out')));
    expect((await read).toString()).toBe('ab');
  });
});
