import { once } from 'node:events';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BadFilenameError, MalformedMultipartError, PayloadTooLargeError } from './errors.js';
import { parseMultipart, type FilePart, type MultipartLimits } from './parse-multipart.js';
import { encode } from '../../test/support/multipart.js';
import { fixture } from '../../test/support/fixtures.js';

const limits: MultipartLimits = { maxFileBytes: 5e6, maxFiles: 5, maxTotalBytes: 3e7, maxFields: 5, maxFieldBytes: 100, maxHeaderPairs: 4 };
const JPEG = fixture('dog-bicycle-truck.jpg');

/** A body pulled 16 KiB at a time; after `body` it ends, fails, or (`endless`) keeps sending zeros. */
function socketLike(body: Buffer, after: 'end' | 'endless' | Error = 'end') {
  const stats = { pulled: 0 };
  const source = new Readable({
    read() {
      const chunk =
        stats.pulled < body.length ? body.subarray(stats.pulled, stats.pulled + 16384) : Buffer.alloc(after === 'endless' ? 16384 : 0);
      stats.pulled += chunk.length;
      if (chunk.length) this.push(chunk);
      else if (after === 'end') this.push(null);
      else this.destroy(after as Error);
    },
  });
  return { source, stats };
}

/** Parses with an onFile that reads each part; counts calls, settlements and failed reads. */
async function parse(
  source: Readable | AsyncIterable<Uint8Array>,
  contentType: string | undefined,
  overrides: Partial<MultipartLimits> = {},
) {
  const log = { started: 0, settled: 0, readErrors: 0 };
  const onFile = async (part: FilePart) => {
    log.started++;
    try {
      for await (const _chunk of part.stream);
    } catch (error) {
      log.readErrors++;
      throw error;
    } finally {
      log.settled++;
    }
  };
  const error = await parseMultipart(source, contentType, { ...limits, ...overrides }, onFile).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, log };
}

describe('parseMultipart on broken bodies', () => {
  it('refuses a body cut in the middle of a file, after onFile saw its stream fail', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    const { error, log } = await parse(socketLike(body.subarray(0, body.length / 2)).source, contentType);
    expect(error).toBeInstanceOf(MalformedMultipartError);
    expect(error).toMatchObject({ code: 'malformed-multipart', status: 400, message: expect.stringContaining('unexpected end') });
    expect(log).toEqual({ started: 1, settled: 1, readErrors: 1 });
  });

  it('refuses a body that lacks its final boundary', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    const cut = body.subarray(0, body.lastIndexOf('\r\n--'));
    const { error, log } = await parse(socketLike(cut).source, contentType);
    expect(error).toBeInstanceOf(MalformedMultipartError);
    expect(log.settled).toBe(log.started);
  });

  it('refuses a body that is not multipart at all, and an empty one', async () => {
    for (const body of [Buffer.from('{"photo": "base64…"}'), Buffer.alloc(0)]) {
      const { error, log } = await parse(socketLike(body).source, 'multipart/form-data; boundary=abc');
      expect(error).toBeInstanceOf(MalformedMultipartError);
      expect(log.started).toBe(0);
    }
  });

  it('refuses a malformed part header', async () => {
    const body = Buffer.from('--abc\r\nContent-Disposition form-data; name="a"\r\n\r\nx\r\n--abc--\r\n');
    const { error } = await parse(socketLike(body).source, 'multipart/form-data; boundary=abc');
    expect(error).toMatchObject({ code: 'malformed-multipart', message: expect.stringContaining('malformed part header') });
  });

  it('reports a body that fails while being read (the client went away) as malformed', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    const { error, log } = await parse(socketLike(body.subarray(0, 50_000), new Error('socket hang up')).source, contentType);
    expect(error).toBeInstanceOf(MalformedMultipartError);
    expect(error).toMatchObject({ message: expect.stringContaining('socket hang up') });
    expect(log.settled).toBe(log.started);
  });
});

describe('parseMultipart stops reading after a failure', () => {
  const badFirst = async () => encode([['../evil.jpg', JPEG]]);

  it('drops what the client still sends, so it can read the answer, but no more than the total limit', async () => {
    const { body, contentType } = await badFirst();
    const { source, stats } = socketLike(body, 'endless');
    const { error } = await parse(source, contentType, { maxTotalBytes: 1_000_000 });
    expect(error).toBeInstanceOf(BadFilenameError);
    if (!source.destroyed) await once(source, 'close');
    expect(stats.pulled).toBeGreaterThan(1_000_000 - 16384 * 2);
    expect(stats.pulled).toBeLessThanOrEqual(1_000_000 + 16384 * 2);
  });

  it('reads a short remainder to its end rather than resetting the connection', async () => {
    const { body, contentType } = await badFirst();
    const { source, stats } = socketLike(body);
    expect((await parse(source, contentType)).error).toBeInstanceOf(BadFilenameError);
    if (!source.readableEnded) await once(source, 'end');
    expect(stats.pulled).toBe(body.length);
  });

  it('destroys a body that goes over the total limit at once', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    const { source, stats } = socketLike(body.subarray(0, 1000), 'endless'); // a file that never ends
    const { error } = await parse(source, contentType, { maxTotalBytes: 100_000 });
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(source.destroyed).toBe(true);
    expect(stats.pulled).toBeLessThanOrEqual(100_000 + 16384 * 2);
  });

  it('stops an async iterable body (a web stream) through its iterator', async () => {
    const { body, contentType } = await encode([['a.jpg', JPEG]]);
    let sent = 0;
    let closed = false;
    async function* endless() {
      try {
        yield body.subarray(0, 1000); // the file part's headers and first bytes
        for (;;) yield new Uint8Array(16384).fill(0x20 + (sent++ % 64));
      } finally {
        closed = true;
      }
    }
    const { error } = await parse(endless(), contentType, { maxTotalBytes: 500_000 });
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(true);
    expect(sent * 16384).toBeLessThan(600_000);
  });
});
