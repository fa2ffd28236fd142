import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { app, type HttpRequest } from '@azure/functions';
import { incomingBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { parseMultipart } from '../media/parse-multipart.js';
import { acceptSubmission } from './accept-submission.js';
import { fingerprint } from './fingerprint.js';
import { validateFields } from './submission-fields.js';
import { replayIdempotent, rememberIdempotent } from './idempotency.js';
import { receiving } from './receiving.js';

const MAX_FIELD_BYTES = 32 * 1024;

/**
 * `POST /api/submissions` (multipart): each file part streams into `incoming/{submissionId}/{fileId}`
 * while it is hashed and sniffed. Any failure deletes what was written, so nothing half-stored stays.
 */
export function createPostSubmission(deps: IngestDeps) {
  return handle(
    receiving('http', async (request: HttpRequest) => {
      const client = await authenticate(request, deps);
      const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
      if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
        throw new HttpError(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The key is 1 to 255 characters.');
      }
      if (!request.body) throw new HttpError(400, 'missing-body', 'Missing body', 'Send the files as multipart/form-data.');
      const submissionId = deps.newId('s');
      const written: string[] = [];
      try {
        const parsed = await parseMultipart(
          Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
          request.headers.get('content-type') ?? undefined,
          { ...deps.limits, maxFields: 8, maxFieldBytes: MAX_FIELD_BYTES, maxHeaderPairs: 200 },
          async (part): Promise<SubmittedFile> => {
            const fileId = deps.newId('f');
            const blob = incomingBlobOf(submissionId, fileId);
            written.push(blob);
            await deps.blobs.upload(blob, part.stream, { metadata: { submissionId, fileId } });
            const { size, sha256, contentType } = part.inspection();
            return { fileId, name: part.filename, size, contentType, sha256, blob };
          },
        );
        const print = fingerprint(parsed.fields, parsed.files);
        const replay = idempotencyKey ? await replayIdempotent(deps, client.clientId, idempotencyKey, print) : undefined;
        if (replay) {
          await Promise.all(written.map((b) => deps.blobs.delete(b)));
          return replay;
        }
        const fields = await validateFields(parsed.fields, deps, client.defaultWebhookUrl);
        const accepted = await acceptSubmission(
          deps,
          { submissionId, client, files: parsed.files, channel: 'http', ...fields },
          new URL(request.url).origin,
        );
        const response = { status: 202, headers: { location: accepted.statusUrl }, jsonBody: accepted };
        if (idempotencyKey) await rememberIdempotent(deps, client.clientId, idempotencyKey, print, response);
        return response;
      } catch (error) {
        await Promise.all(written.map((b) => deps.blobs.delete(b).catch(() => false)));
        throw error;
      }
    }),
  );
}

export function registerPostSubmission(deps: IngestDeps): void {
  app.http('postSubmission', { route: 'submissions', methods: ['POST'], authLevel: 'anonymous', handler: createPostSubmission(deps) });
}
