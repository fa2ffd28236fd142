import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FieldTooLargeError, FileTooLargeError, PartHeadersTooLargeError, PayloadTooLargeError } from './errors.js';
import { TooManyFieldsError, TooManyFilesError } from './errors.js';
import { parseMultipart, type FilePart, type MultipartLimits } from './parse-multipart.js';
import { fixture } from '../../test/support/fixtures.js';
import { multipart, type Part } from '../../test/support/multipart.js';

const limits: MultipartLimits = { maxFileBytes: 5e6, maxFiles: 3, maxTotalBytes: 3e7, maxFields: 2, maxFieldBytes: 10, maxHeaderPairs: 3 };
const BOUNDARY = 'xYzZY-limits';

/** A real multipart body and its Content-Type, as fetch would send the form. */
async function encode(entries: [string, string | Buffer][]) {
  const form = new FormData();
  for (const [i, [field, value]] of entries.entries()) {
    if (typeof value === 'string') form.append(field, value);
    else form.append(field, new Blob([value]), `f${i}.bin`);
  }
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? undefined };
}

/** One hand-built part, for headers FormData would never send. */
const rawPart = (headers: string[], body: string | Buffer): Part => ({ headers, body });
const rawBody = (...parts: Part[]) => multipart(parts, BOUNDARY).body;
const JPEG = fixture('runners-race.jpg');

/** Parses with an onFile that reads every part; returns the outcome and what onFile received. */
async function parse(body: Buffer, contentType: string | undefined, overrides: Partial<MultipartLimits> = {}) {
  const received: number[] = [];
  let calls = 0;
  const onFile = async (part: FilePart) => {
    calls++;
    let n = 0;
    for await (const chunk of part.stream) n += (chunk as Buffer).length;
    received.push(n);
    return n;
  };
  const chunks = Array.from({ length: Math.ceil(body.length / 16384) }, (_, i) => body.subarray(i * 16384, (i + 1) * 16384));
  const outcome = await parseMultipart(Readable.from(chunks), contentType, { ...limits, ...overrides }, onFile).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, calls, received };
}

describe('parseMultipart limits', () => {
  it('refuses a file one byte over maxFileBytes and lets no byte past the limit reach onFile', async () => {
    const { body, contentType } = await encode([['photo', JPEG]]);
    const over = await parse(body, contentType, { maxFileBytes: JPEG.length - 1 });
    expect(over.error).toBeInstanceOf(FileTooLargeError);
    expect(over.error).toMatchObject({ status: 413, limit: JPEG.length - 1, filename: 'f0.bin' });
    expect(over.calls).toBe(1);
    expect(over.received).toEqual([]); // its stream failed, so onFile never finished reading it
    expect((await parse(body, contentType, { maxFileBytes: JPEG.length })).value?.files).toEqual([JPEG.length]);
  });

  it('refuses a body over maxTotalBytes, even when each file is within its limit', async () => {
    const { body, contentType } = await encode([
      ['a', JPEG],
      ['b', JPEG],
    ]);
    const error = (await parse(body, contentType, { maxTotalBytes: body.length - 1 })).error;
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ code: 'payload-too-large', status: 413, limit: body.length - 1 });
    expect((await parse(body, contentType, { maxTotalBytes: body.length })).value?.files).toHaveLength(2);
  });

  it('refuses more than maxFiles files, before handing the extra one to onFile', async () => {
    const { body, contentType } = await encode([1, 2, 3, 4].map((i): [string, Buffer] => [`p${i}`, JPEG]));
    const over = await parse(body, contentType);
    expect(over.error).toBeInstanceOf(TooManyFilesError);
    expect(over.error).toMatchObject({ code: 'too-many-files', status: 413, limit: 3 });
    expect(over.calls).toBe(3);
    const { body: three, contentType: ct } = await encode([1, 2, 3].map((i): [string, Buffer] => [`p${i}`, JPEG]));
    expect((await parse(three, ct)).value?.files).toHaveLength(3);
  });

  it('refuses more than maxFields fields', async () => {
    const { body, contentType } = await encode([
      ['photo', JPEG],
      ['a', '1'],
      ['b', '2'],
      ['c', '3'],
    ]);
    const error = (await parse(body, contentType)).error;
    expect(error).toBeInstanceOf(TooManyFieldsError);
    expect(error).toMatchObject({ code: 'too-many-fields', status: 413, limit: 2 });
  });

  it('refuses a field longer than maxFieldBytes (in bytes) and accepts one exactly at it', async () => {
    const tooLong = await encode([
      ['photo', JPEG],
      ['caption', 'ééééé!'], // 11 bytes in UTF-8
    ]);
    const error = (await parse(tooLong.body, tooLong.contentType)).error;
    expect(error).toBeInstanceOf(FieldTooLargeError);
    expect(error).toMatchObject({ code: 'field-too-large', status: 413, fieldName: 'caption', limit: 10 });
    const atLimit = await encode([
      ['photo', JPEG],
      ['caption', 'ééééé'],
    ]);
    expect((await parse(atLimit.body, atLimit.contentType)).value?.fields).toEqual({ caption: 'ééééé' });
  });

  it('refuses a part with more header lines than maxHeaderPairs (busboy 1.6 ignores that limit itself)', async () => {
    const extra = ['X-One: 1', 'X-Two: 2'];
    const headers = [`Content-Disposition: form-data; name="photo"; filename="a.jpg"`, 'Content-Type: image/jpeg', ...extra];
    const error = (await parse(rawBody(rawPart(headers, JPEG)), `multipart/form-data; boundary=${BOUNDARY}`)).error;
    expect(error).toBeInstanceOf(PartHeadersTooLargeError);
    expect(error).toMatchObject({ code: 'part-headers-too-large', status: 413, message: expect.stringContaining('3 header fields') });
    const folded = [headers[0] as string, 'Content-Type: image/jpeg;', '  name=a.jpg']; // a folded line is one field
    const ok = await parse(rawBody(rawPart(folded, JPEG)), `multipart/form-data; boundary=${BOUNDARY}`, { maxHeaderPairs: 2 });
    expect(ok.value?.files).toEqual([JPEG.length]);
  });

  it('refuses a part header block over maxPartHeaderBytes', async () => {
    const headers = [`Content-Disposition: form-data; name="photo"; filename="a.jpg"`, `X-Padding: ${'p'.repeat(500)}`];
    const contentType = `multipart/form-data; boundary=${BOUNDARY}`;
    const size = Buffer.byteLength(`${headers.join('\r\n')}\r\n\r\n`);
    const error = (await parse(rawBody(rawPart(headers, JPEG)), contentType, { maxPartHeaderBytes: size - 1 })).error;
    expect(error).toBeInstanceOf(PartHeadersTooLargeError);
    expect(error).toMatchObject({ message: expect.stringContaining(`${size - 1} bytes`) });
    expect((await parse(rawBody(rawPart(headers, JPEG)), contentType, { maxPartHeaderBytes: size })).value?.files).toEqual([JPEG.length]);
  });

  it('caps part headers at 16 KiB, the most busboy parses, with the same typed error', async () => {
    const headers = [`Content-Disposition: form-data; name="photo"; filename="a.jpg"`, `X-Padding: ${'p'.repeat(17_000)}`];
    const error = (await parse(rawBody(rawPart(headers, JPEG)), `multipart/form-data; boundary=${BOUNDARY}`, { maxPartHeaderBytes: 1e6 }))
      .error;
    expect(error).toBeInstanceOf(PartHeadersTooLargeError);
    expect(error).toMatchObject({ message: expect.stringContaining('16384 bytes') });
  });
});
