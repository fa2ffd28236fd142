import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';

export interface UploadFile {
  path: string;
  size: number;
}

/** A form field's or file name's quoting in Content-Disposition: quotes and line breaks percent-encoded, as browsers do. */
const quoted = (value: string): string => `"${value.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}"`;

/**
 * A multipart/form-data body (the fields, then one `file` part per file) streamed from disk, calling `onBytes(index,
 * n)` as each file's bytes are read: the progress bars follow what has left for the socket, not what was queued.
 */
export function multipartBody(
  fields: Record<string, string>,
  files: readonly UploadFile[],
  onBytes: (index: number, bytes: number) => void,
): { contentType: string; body: AsyncGenerator<Uint8Array> } {
  const boundary = `newsdesk-${randomBytes(12).toString('hex')}`;
  async function* body(): AsyncGenerator<Uint8Array> {
    for (const [name, value] of Object.entries(fields)) {
      yield Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name=${quoted(name)}\r\n\r\n${value}\r\n`);
    }
    for (const [index, file] of files.entries()) {
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=${quoted(basename(file.path))}\r\n`;
      yield Buffer.from(`${head}Content-Type: application/octet-stream\r\n\r\n`);
      for await (const chunk of createReadStream(file.path)) {
        yield chunk as Buffer;
        onBytes(index, (chunk as Buffer).length);
      }
      yield Buffer.from('\r\n');
    }
    yield Buffer.from(`--${boundary}--\r\n`);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body: body() };
}
