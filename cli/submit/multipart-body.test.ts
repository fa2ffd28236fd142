import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { describe, expect, it } from 'vitest';
import { multipartBody } from './multipart-body.js';

describe('multipartBody', () => {
  it('streams the fields then each file under its base name, reporting each file’s bytes as they are read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-multipart-'));
    const files = [
      { path: join(dir, 'a "quoted".jpg'), size: 3 },
      { path: join(dir, 'big.mp4'), size: 200_000 },
    ];
    writeFileSync(files[0]!.path, 'abc');
    writeFileSync(files[1]!.path, Buffer.alloc(200_000, 7));
    const read = [0, 0];
    const { contentType, body } = multipartBody({ reference: 'story-42', metadata: '{"desk":"sports"}' }, files, (i, n) => (read[i]! += n));

    const fields: Record<string, string> = {};
    const parts: { name: string; filename: string | undefined; bytes: number }[] = [];
    const parser = busboy({ headers: { 'content-type': contentType } });
    const order: string[] = [];
    parser.on('field', (name, value) => {
      fields[name] = value;
      order.push(name);
    });
    parser.on('file', (name, stream, info) => {
      order.push(name);
      const part = { name, filename: info.filename, bytes: 0 };
      parts.push(part);
      stream.on('data', (c: Buffer) => (part.bytes += c.length));
    });
    await new Promise((resolve, reject) => Readable.from(body).pipe(parser).on('close', resolve).on('error', reject));

    expect(fields).toEqual({ reference: 'story-42', metadata: '{"desk":"sports"}' });
    // Fields first: ingest checks each as it arrives and refuses a bad one before any file is stored.
    expect(order).toEqual(['reference', 'metadata', 'file', 'file']);
    expect(parts).toEqual([
      { name: 'file', filename: 'a %22quoted%22.jpg', bytes: 3 },
      { name: 'file', filename: 'big.mp4', bytes: 200_000 },
    ]);
    expect(read).toEqual([3, 200_000]);
  });
});
