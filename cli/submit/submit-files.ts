import { Readable } from 'node:stream';
import type { Api } from '../http/api.js';
import type { CliIo } from '../io.js';
import { multipartBody, type UploadFile } from './multipart-body.js';
import { fileBars } from '../progress/file-bars.js';

export interface Accepted {
  submissionId: string;
  statusUrl: string;
}

/** POSTs the files as one multipart submission, with one progress bar per file on the progress stream. */
export async function submitFiles(api: Api, io: CliIo, fields: Record<string, string>, files: readonly UploadFile[]): Promise<Accepted> {
  const bars = fileBars(io.progress, 'bytes');
  const perFile = files.map((f) => bars.add(f.path, f.size));
  try {
    const { contentType, body } = multipartBody(fields, files, (index, bytes) => perFile[index]?.increment(bytes));
    const response = await api.request('POST', '/submissions', {
      headers: { 'content-type': contentType },
      body: Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
    return (await response.json()) as Accepted;
  } finally {
    bars.stop();
  }
}
