import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { incomingBlobOf } from '../../contracts/ids.js';
import type { SubmittedFile } from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { PayloadTooLargeError } from '../media/errors.js';
import { parseMultipart } from '../media/parse-multipart.js';
import { acceptSubmission } from './accept-submission.js';
import { fingerprint } from './fingerprint.js';
import { checkField, completeFields, type SubmissionFields } from './submission-fields.js';
import { freeIdempotencyKey } from './free-idempotency-key.js';
import { claimIdempotencyKey } from './idempotency.js';
import { replayIdempotent } from './replay-idempotent.js';
import { receiving } from './receiving.js';
import { requestTooLarge } from './request-too-large.js';
import { clientSubmitter, type Submitter } from './submitter.js';

const MAX_FIELD_BYTES = 32 * 1024;

/**
 * `POST /api/submissions` (multipart): each file part streams into `incoming/{submissionId}/{fileId}`
 * while it is hashed and sniffed. Any failure deletes what was written, so nothing half-stored stays. `submitter`
 * says for which client (the desk's staff route names one: ingest/staff/staff-uploads.ts).
 */
export function createPostSubmission(deps: IngestDeps, submitter: Submitter = clientSubmitter(deps)) {
  return handle(
    receiving('http', async (request: HttpRequest, context: InvocationContext) => {
      const client = await submitter.clientOf(request);
      const idempotencyKey = request.headers.get('idempotency-key') ?? undefined;
      if (idempotencyKey !== undefined && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
        throw new HttpError(400, 'invalid-idempotency-key', 'Invalid Idempotency-Key', 'The key is 1 to 255 characters.');
      }
      if (!request.body) throw new HttpError(400, 'missing-body', 'Missing body', 'Send the files as multipart/form-data.');
      // Refused from its declared length, before a slot, a key or a byte is taken; a body without one is counted below.
      const cap = deps.limits.maxRequestBytes;
      const declared = Number(request.headers.get('content-length') ?? 0);
      if (declared > cap) throw requestTooLarge(cap, declared);
      const release = deps.uploadSlots.take(client.clientId);
      if (!release) throw tooManyUploads(deps.uploadSlots.max);
      try {
        // Claimed before the upload, so a concurrent duplicate is turned away before it writes anything.
        const claim = idempotencyKey ? await claimIdempotencyKey(deps, client.clientId, idempotencyKey) : undefined;
        const submissionId = deps.newId('s');
        const written: string[] = [];
        // Each field is checked as it arrives (the last of a repeated name counts), before any later file is stored.
        const checks = new Map<string, Promise<Partial<SubmissionFields>>>();
        const onField = (name: string, value: string) => {
          const check = checkField(name, value, deps);
          checks.set(name, check);
          return check;
        };
        let response: HttpResponseInit;
        let print: string;
        try {
          const parsed = await parseMultipart(
            Readable.fromWeb(request.body as WebReadableStream<Uint8Array>),
            request.headers.get('content-type') ?? undefined,
            {
              ...deps.limits,
              maxTotalBytes: Math.min(deps.limits.maxTotalBytes, cap),
              maxFields: 8,
              maxFieldBytes: MAX_FIELD_BYTES,
              maxHeaderPairs: 200,
              idleTimeoutMs: deps.limits.uploadIdleMs,
            },
            async (part): Promise<SubmittedFile> => {
              const fileId = deps.newId('f');
              const blob = incomingBlobOf(submissionId, fileId);
              written.push(blob);
              await deps.blobs.upload(blob, part.stream, { metadata: { submissionId, fileId } });
              const { size, sha256, contentType } = part.inspection();
              return { fileId, name: part.filename, size, contentType, sha256, blob };
            },
            onField,
          );
          print = fingerprint(parsed.fields, parsed.files);
          if (claim?.answered) {
            await Promise.all(written.map((b) => deps.blobs.delete(b)));
            return replayIdempotent(claim.answered, print);
          }
          const given = Object.assign({}, ...(await Promise.all(checks.values()))) as Partial<SubmissionFields>;
          const fields = await completeFields(given, deps, client.defaultWebhookUrl);
          const accepted = await acceptSubmission(
            deps,
            { submissionId, client, files: parsed.files, channel: 'http', ...fields },
            new URL(request.url).origin,
          );
          response = { status: 202, headers: { location: accepted.statusUrl }, jsonBody: accepted };
        } catch (error) {
          await Promise.all(written.map((b) => deps.blobs.delete(b).catch(() => false)));
          // A refused or failed request answers nothing worth replaying: free the key so the client's retry can run. Not
          // awaited: while storage is down the release waits for it to come back, and the client's 503 must not.
          if (claim?.claimId)
            void freeIdempotencyKey(deps, { clientId: client.clientId, key: idempotencyKey!, claimId: claim.claimId }, context);
          throw error instanceof PayloadTooLargeError && error.limit === cap ? requestTooLarge(cap) : error;
        }
        // Outside the clean-up above: the submission is accepted, and the client gets its 202 even should this write fail
        // (storage went down just now). The claim then stays pending until it expires, so duplicates keep getting 409
        // rather than a second submission.
        if (claim?.claimId) {
          await deps.store
            .answerIdempotency(client.clientId, idempotencyKey!, claim.claimId, {
              state: 'answered',
              fingerprint: print,
              status: 202,
              body: response.jsonBody,
            })
            .catch((error: unknown) => context.warn(`idempotency answer for ${submissionId} not stored`, error));
        }
        return response;
      } finally {
        release();
      }
    }),
  );
}

/** A client's uploads beyond the cap wait for one of its own to end; a few seconds is a fair guess. */
function tooManyUploads(max: number): HttpError {
  const seconds = 5;
  const detail = `At most ${max} uploads of one client run at once; send this one when another has been answered.`;
  return new HttpError(
    429,
    'too-many-uploads',
    'Too many uploads',
    detail,
    { retryAfterSeconds: seconds },
    { 'retry-after': String(seconds) },
  );
}

export function registerPostSubmission(deps: IngestDeps): void {
  app.http('postSubmission', { route: 'submissions', methods: ['POST'], authLevel: 'anonymous', handler: createPostSubmission(deps) });
}
