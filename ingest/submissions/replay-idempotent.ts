import type { HttpResponseInit } from '@azure/functions';
import type { AnsweredIdempotency } from '../../adapters/ingest-store/ingest-store.js';
import { HttpError } from '../http/http-error.js';

/** The first answer for an Idempotency-Key when this request's body is the same, or 409 when it differs. */
export function replayIdempotent(first: AnsweredIdempotency, print: string): HttpResponseInit {
  if (first.fingerprint !== print) {
    throw new HttpError(409, 'idempotency-key-reused', 'Idempotency-Key reused', 'This key was used for a different request body.');
  }
  return { status: first.status, headers: { 'idempotent-replayed': 'true' }, jsonBody: first.body };
}
