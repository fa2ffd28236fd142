import { HttpError } from '../http/http-error.js';

/**
 * A `POST /submissions` body over the request cap (NEWSDESK_MAX_REQUEST_BYTES): Azure's Functions front end would refuse
 * it anyway, so it is refused the same way everywhere, pointing at the upload sessions that take big files.
 */
export function requestTooLarge(limit: number, size?: number): HttpError {
  const given = size === undefined ? 'This request body is' : `This request body (${size} bytes) is`;
  const detail =
    `${given} over the ${limit}-byte limit of POST /api/submissions. Send large files through an upload session ` +
    '(POST /api/uploads: resumable, straight to storage), then submit them.';
  return new HttpError(413, 'request-too-large', 'Request too large', detail, { limit, uploads: '/api/uploads' });
}
