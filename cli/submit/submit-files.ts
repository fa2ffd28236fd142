import { Readable } from 'node:stream';
import { MultiBar, Presets } from 'cli-progress';
import type { Api } from '../http/api.js';
import type { CliIo } from '../io.js';
import { multipartBody, type UploadFile } from './multipart-body.js';

export interface Accepted {
  submissionId: string;
  statusUrl: string;
}

/** POSTs the files as one multipart submission, with one progress bar per file on the progress stream. */
export async function submitFiles(api: Api, io: CliIo, fields: Record<string, string>, files: readonly UploadFile[]): Promise<Accepted> {
  const bars = new MultiBar(
    { stream: io.progress, format: '{name} {bar} {percentage}% {value}/{total} bytes', hideCursor: true, clearOnComplete: false },
    Presets.shades_classic,
  );
  const perFile = files.map((f) => bars.create(f.size, 0, { name: f.path }));
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
