import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { HttpError } from '../http/http-error.js';
import { createInspector } from '../media/inspect-stream.js';

/** Checks one uploaded blob as multipart ingest checks a part: present, the declared size, real media; hashes it. */
export async function inspectUploadedBlob(
  deps: Pick<IngestDeps, 'blobs' | 'limits'>,
  f: { fileId: string; name: string; size: number; blob: string },
): Promise<SubmittedFile> {
  const info = await deps.blobs.info(f.blob);
  if (!info)
    throw new HttpError(
      409,
      'upload-incomplete',
      'Upload incomplete',
      `'${f.name}' has not been uploaded (or its blocks were not committed).`,
      { fileId: f.fileId },
    );
  if (info.size !== f.size) {
    throw new HttpError(422, 'size-mismatch', 'Size mismatch', `'${f.name}' is ${info.size} bytes; the session declared ${f.size}.`, {
      fileId: f.fileId,
    });
  }
  const inspector = createInspector({ maxBytes: deps.limits.maxUploadBytes });
  await pipeline(await deps.blobs.read(f.blob), inspector, new Writable({ write: (_c, _e, done) => done() }));
  const { size, sha256, contentType } = inspector.result();
  return { fileId: f.fileId, name: f.name, size, sha256, contentType, blob: f.blob };
}
