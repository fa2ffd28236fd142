import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { NoFilesError, NotMultipartError } from './errors.js';
import { parseMultipart, type FilePart, type MultipartLimits } from './parse-multipart.js';
import { fixture } from '../../test/support/fixtures.js';

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');
const limits: MultipartLimits = {
  maxFileBytes: 5e6,
  maxFiles: 10,
  maxTotalBytes: 3e7,
  maxFields: 5,
  maxFieldBytes: 200,
  maxHeaderPairs: 4,
};

/** A real multipart body and its Content-Type, as fetch would send the form. */
async function encode(entries: [string, string | { file: string; name?: string; type?: string }][]) {
  const form = new FormData();
  for (const [field, value] of entries) {
    if (typeof value === 'string') form.append(field, value);
    else form.append(field, new Blob([fixture(value.file)], { type: value.type ?? '' }), value.name ?? value.file);
  }
  const response = new Response(form);
  return { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? undefined };
}

/** An onFile that reads the part like an upload would, and returns what it saw. */
async function collect(part: FilePart) {
  const chunks: Buffer[] = [];
  for await (const chunk of part.stream) chunks.push(chunk as Buffer);
  const { stream: _stream, inspection, ...rest } = part;
  return { ...rest, bytes: Buffer.concat(chunks), inspection: inspection() };
}

describe('parseMultipart with real forms', () => {
  it('streams one photo to onFile with its inspection', async () => {
    const { body, contentType } = await encode([['photo', { file: 'runners-race.jpg', type: 'image/jpeg' }]]);
    const { fields, files } = await parseMultipart(Readable.from([body]), contentType, limits, collect);
    const jpeg = fixture('runners-race.jpg');
    expect(fields).toEqual({});
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ fieldName: 'photo', filename: 'runners-race.jpg', declaredType: 'image/jpeg' });
    expect(files[0]?.bytes.equals(jpeg)).toBe(true);
    expect(files[0]?.inspection).toEqual({ size: jpeg.length, sha256: sha256(jpeg), contentType: 'image/jpeg' });
  });

  it('handles several files of every kind and fields, in order', async () => {
    const names = [
      'cat-chelsea.png',
      'seashore-dusk-iphone7.heic',
      'tears-of-steel-cuts.mp4',
      'marathon-crowd.mkv',
      'event-people-vp8-opus.webm',
    ];
    const { body, contentType } = await encode([
      ['reference', 'AP-2024-0042'],
      ...names.map((file, i): [string, { file: string }] => [`file${i}`, { file }]),
      ['priority', 'high'],
      ['video', { file: 'countdown-speech-1080p.avi', type: 'video/avi' }],
    ]);
    const { fields, files } = await parseMultipart(Readable.from([body]), contentType, limits, collect);
    expect(fields).toEqual({ reference: 'AP-2024-0042', priority: 'high' });
    expect(files.map((f) => [f.filename, f.inspection.contentType])).toEqual([
      ['cat-chelsea.png', 'image/png'],
      ['seashore-dusk-iphone7.heic', 'image/heic'],
      ['tears-of-steel-cuts.mp4', 'video/mp4'],
      ['marathon-crowd.mkv', 'video/x-matroska'],
      ['event-people-vp8-opus.webm', 'video/webm'],
      ['countdown-speech-1080p.avi', 'video/x-msvideo'],
    ]);
    for (const f of files) expect(f.inspection.sha256).toBe(sha256(fixture(f.filename)));
  });

  it('reads a web ReadableStream body (what an Azure Functions request gives)', async () => {
    const form = new FormData();
    form.append('clip', new Blob([fixture('highway-dashcam-720p.mp4')]), 'dashcam.mp4');
    const response = new Response(form);
    const { files } = await parseMultipart(response.body!, response.headers.get('content-type')!, limits, collect);
    expect(files[0]?.inspection).toMatchObject({ size: 954944, contentType: 'video/mp4' });
  });

  it('gets the same result however the body is cut into chunks', async () => {
    const { body, contentType } = await encode([
      ['a', { file: 'dog-bicycle-truck.jpg' }],
      ['caption', 'dog, bicycle, truck'],
      ['b', { file: 'cat-chelsea.png' }],
    ]);
    for (const size of [1, 7, 61, 4096, 65537]) {
      const chunks = Array.from({ length: Math.ceil(body.length / size) }, (_, i) => body.subarray(i * size, (i + 1) * size));
      const { fields, files } = await parseMultipart(Readable.from(chunks), contentType, limits, collect);
      expect(fields).toEqual({ caption: 'dog, bicycle, truck' });
      expect(files.map((f) => f.inspection.sha256)).toEqual([sha256(fixture('dog-bicycle-truck.jpg')), sha256(fixture('cat-chelsea.png'))]);
    }
  });

  it('sniffs the real type and keeps the declared one only as information', async () => {
    const { body, contentType } = await encode([['photo', { file: 'cat-chelsea.png', name: 'cat.jpg', type: 'image/jpeg' }]]);
    const { files } = await parseMultipart(Readable.from([body]), contentType, limits, collect);
    expect(files[0]).toMatchObject({ filename: 'cat.jpg', declaredType: 'image/jpeg', inspection: { contentType: 'image/png' } });
  });

  it('keeps UTF-8 file names as the client wrote them', async () => {
    const name = 'Überflutung in Köln — 📷 #1.jpg';
    const { body, contentType } = await encode([['photo', { file: 'runners-race.jpg', name }]]);
    const { files } = await parseMultipart(Readable.from([body]), contentType, limits, collect);
    expect(files[0]?.filename).toBe(name);
  });

  it('takes a field named __proto__ as data, not as a prototype', async () => {
    const { body, contentType } = await encode([
      ['__proto__', 'polluted'],
      ['photo', { file: 'runners-race.jpg' }],
    ]);
    const { fields } = await parseMultipart(Readable.from([body]), contentType, limits, collect);
    expect(Object.getOwnPropertyDescriptor(fields, '__proto__')?.value).toBe('polluted');
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('rejects a form without file parts', async () => {
    const { body, contentType } = await encode([['reference', 'no photo today']]);
    const error = await parseMultipart(Readable.from([body]), contentType, limits, collect).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NoFilesError);
    expect(error).toMatchObject({ code: 'no-files', status: 400 });
  });
});

describe('parseMultipart and the Content-Type header', () => {
  it('refuses a request that is not multipart/form-data without calling onFile, and lets go of its body', async () => {
    const { body } = await encode([['photo', { file: 'runners-race.jpg' }]]);
    let calls = 0;
    const source = Readable.from([body]);
    const error = await parseMultipart(source, 'application/json', limits, async () => calls++).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotMultipartError);
    expect(error).toMatchObject({ code: 'not-multipart', status: 415 });
    expect(calls).toBe(0);
    await new Promise((resolve) => source.once('close', resolve));
    expect(source.readableEnded).toBe(true); // read to its end, not reset
  });

  it('accepts a quoted boundary and mixed-case type', async () => {
    const { body, contentType } = await encode([['photo', { file: 'runners-race.jpg' }]]);
    const boundary = /boundary=(.*)$/.exec(contentType!)![1];
    const { files } = await parseMultipart(
      Readable.from([body]),
      `Multipart/Form-Data; charset=utf-8; boundary="${boundary}"`,
      limits,
      collect,
    );
    expect(files).toHaveLength(1);
  });
});
