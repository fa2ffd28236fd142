import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BadFilenameError, EmptyFileError, MalformedMultipartError, UnsupportedMediaError } from './errors.js';
import { parseMultipart, type FilePart, type MultipartLimits } from './parse-multipart.js';
import { fixture } from '../../test/support/fixtures.js';
import { multipart, type Part } from '../../test/support/multipart.js';

const limits: MultipartLimits = {
  maxFileBytes: 5e6,
  maxFiles: 5,
  maxTotalBytes: 3e7,
  maxFields: 5,
  maxFieldBytes: 1000,
  maxHeaderPairs: 4,
};
const BOUNDARY = 'xYzZY-parts';
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;
const JPEG = fixture('runners-race.jpg');

/** A hand-built part, for what FormData will not send (no filename, odd dispositions). */
const rawPart = (disposition: string, body: Buffer | string, type = 'image/jpeg'): Part => ({
  headers: [`Content-Disposition: ${disposition}`, ...(type ? [`Content-Type: ${type}`] : [])],
  body,
});
const rawBody = (...parts: Part[]) => multipart(parts, BOUNDARY).body;

/** A real multipart body built by FormData, with the client's file name as given. */
async function formWith(filename: string, data: Buffer | string = JPEG, type = 'image/jpeg') {
  const form = new FormData();
  form.append('caption', 'before the file');
  form.append('photo', new Blob([data], { type }), filename);
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? undefined };
}

async function parse(body: Buffer, contentType: string | undefined = CONTENT_TYPE) {
  const seen = { calls: 0, bytes: 0 };
  const onFile = async (part: FilePart) => {
    seen.calls++;
    for await (const chunk of part.stream) seen.bytes += (chunk as Buffer).length;
    return part.filename;
  };
  const outcome = await parseMultipart(Readable.from([body]), contentType, limits, onFile).then(
    (value) => ({ value, error: undefined }),
    (error: unknown) => ({ value: undefined, error }),
  );
  return { ...outcome, ...seen };
}

describe('parseMultipart file names', () => {
  it.each([
    ['../../etc/passwd', /path separator/],
    ['a/b.jpg', /path separator/],
    ['..\\x.jpg', /path separator/],
    ['C:\\Users\\me\\photo.jpg', /path separator/],
    ['..', /the name is "\.\."/],
    ['tab\there.jpg', /control character/],
    [`${'n'.repeat(252)}.jpg`, /256 bytes long \(at most 255\)/],
    [`${'é'.repeat(126)}.jpg`, /256 bytes long/],
  ])('refuses %j before onFile sees it', async (name, problem) => {
    const { body, contentType } = await formWith(name);
    const { error, calls } = await parse(body, contentType);
    expect(error).toBeInstanceOf(BadFilenameError);
    expect(error).toMatchObject({ code: 'bad-filename', status: 400, fieldName: 'photo', problem: expect.stringMatching(problem) });
    expect(calls).toBe(0);
  });

  it('accepts a name with ".." inside it, which is no path segment', async () => {
    const { body, contentType } = await formWith('a..b.jpg');
    expect((await parse(body, contentType)).value?.files).toEqual(['a..b.jpg']);
  });

  it('accepts a name of exactly 255 bytes, dots and spaces included', async () => {
    const name = `${'n'.repeat(245)} v.1 .jpeg`;
    expect(Buffer.byteLength(name)).toBe(255);
    const { body, contentType } = await formWith(name);
    expect((await parse(body, contentType)).value?.files).toEqual([name]);
  });

  it('refuses a NUL sent percent-encoded in filename* (RFC 5987)', async () => {
    const { error } = await parse(rawBody(rawPart(`form-data; name="photo"; filename*=UTF-8''a%00b.jpg`, JPEG)));
    expect(error).toMatchObject({ code: 'bad-filename', problem: expect.stringMatching(/control character/) });
  });

  it.each([
    ['declares a media type', rawPart('form-data; name="photo"', JPEG, 'image/jpeg')],
    ['declares application/octet-stream', rawPart('form-data; name="photo"', JPEG, 'application/octet-stream')],
    ['has an empty filename parameter', rawPart('form-data; name="photo"; filename=""', JPEG)],
  ])('refuses a file part without a filename that %s', async (_name, part) => {
    const { error, calls } = await parse(rawBody(part));
    expect(error).toBeInstanceOf(BadFilenameError);
    expect(error).toMatchObject({ problem: 'the file part has no filename', fieldName: 'photo' });
    expect(calls).toBe(0);
  });

  it('refuses a part without a name as malformed', async () => {
    const { error } = await parse(rawBody(rawPart('form-data; filename="a.jpg"', JPEG)));
    expect(error).toBeInstanceOf(MalformedMultipartError);
    expect(error).toMatchObject({ code: 'malformed-multipart', status: 400, message: expect.stringContaining('no name') });
  });

  it('refuses a part busboy would silently skip (not form-data) instead of losing the file', async () => {
    const photo = rawPart('form-data; name="photo"; filename="a.jpg"', JPEG);
    const { error, calls } = await parse(rawBody(photo, rawPart('attachment; filename="b.jpg"', JPEG)));
    expect(error).toBeInstanceOf(MalformedMultipartError);
    expect(error).toMatchObject({ message: expect.stringContaining('1 part(s) without a valid form-data Content-Disposition') });
    expect(calls).toBe(1);
  });
});

describe('parseMultipart file content', () => {
  it('refuses a text file renamed .jpg, saying what it is, and never passes its bytes on', async () => {
    const { body, contentType } = await formWith('photo.jpg', 'Caption only, the photo follows tomorrow.\n'.repeat(200));
    const { error, calls, bytes } = await parse(body, contentType);
    expect(error).toBeInstanceOf(UnsupportedMediaError);
    expect(error).toMatchObject({ code: 'unsupported-media-type', status: 415, detected: 'text/plain', filename: 'photo.jpg' });
    expect((error as Error).message).toBe('"photo.jpg": The content is not a supported photo or video (it looks like text/plain).');
    expect(calls).toBe(1);
    expect(bytes).toBe(0);
  });

  it('refuses a short text file (shorter than the sniffed head) the same way', async () => {
    const { body, contentType } = await formWith('photo.jpg', 'not a photo');
    expect((await parse(body, contentType)).error).toMatchObject({ code: 'unsupported-media-type', filename: 'photo.jpg' });
  });

  it('refuses a zero-byte file', async () => {
    const { body, contentType } = await formWith('empty.jpg', Buffer.alloc(0));
    const { error } = await parse(body, contentType);
    expect(error).toBeInstanceOf(EmptyFileError);
    expect(error).toMatchObject({ code: 'empty-file', status: 400, filename: 'empty.jpg' });
  });

  it('names the bad file when an earlier one was fine', async () => {
    const body = rawBody(
      rawPart('form-data; name="a"; filename="a.jpg"', JPEG),
      rawPart('form-data; name="b"; filename="b.jpg"', '%PDF-1.7\n'),
    );
    const { error, calls } = await parse(body);
    expect(error).toMatchObject({ code: 'unsupported-media-type', detected: 'application/pdf', filename: 'b.jpg' });
    expect(calls).toBe(2);
  });
});
