import type { HttpResponseInit } from '@azure/functions';
import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails } from '../../contracts/problem.js';
import { UrlRejected } from '../../lib/net/url-rejected.js';
import { isTransientFault } from '../../lib/resilience/transient-fault.js';
import { HttpError, PROBLEM_TYPE_BASE } from './http-error.js';

// Extensions may add members but never change what the standard ones say.
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance']);

/** How long a client is asked to wait after a storage outage: long enough not to hammer it, short enough to notice it end. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 10;

/**
 * The one place an error becomes an HTTP answer: RFC 9457 problem details. Only what was
 * written for clients is shown (an HttpError, the SSRF guard's UrlRejected, or a 4xx error that
 * carries its own `status` and `code`, as the media errors do); storage that cannot be reached (a
 * transient fault its SDK gave up on) is a 503 with Retry-After, which says nothing more about it; anything else is a 500 that reveals nothing about itself — the caller logs the real error.
 */
export function toProblemResponse(error: unknown, instance?: string): HttpResponseInit {
  // The only URL a client gives ingest is its webhook's.
  if (error instanceof UrlRejected) {
    const detail = `The webhook URL is rejected: ${error.reason}.`;
    return toProblemResponse(new HttpError(422, 'invalid-webhook-url', 'Invalid webhook URL', detail), instance);
  }
  if (error instanceof HttpError) {
    return respond(
      { type: error.type, title: error.title, status: error.status, detail: error.detail, instance },
      error.extensions,
      error.headers,
    );
  }
  if (isUnreachable(error)) {
    const seconds = UNAVAILABLE_RETRY_AFTER_SECONDS;
    const detail =
      'Newsdesk cannot reach its storage right now; this request was not accepted. Send it again after Retry-After ' +
      '(with the same Idempotency-Key: it will not create a second submission).';
    const unavailable = new HttpError(
      503,
      'service-unavailable',
      'Service Unavailable',
      detail,
      { retryAfterSeconds: seconds },
      {
        'retry-after': String(seconds),
      },
    );
    return toProblemResponse(unavailable, instance);
  }
  if (isClientError(error)) {
    const title = STATUS_CODES[error.status] ?? 'Client Error';
    return respond({ type: PROBLEM_TYPE_BASE + error.code, title, status: error.status, detail: error.message, instance });
  }
  return respond({
    type: `${PROBLEM_TYPE_BASE}internal-error`,
    title: 'Internal Server Error',
    status: 500,
    detail: 'An unexpected error occurred. It has been logged.',
    instance,
  });
}

/** An Azure SDK call (storage, Event Grid) that failed for now: its RestError, not a local file's ENOENT. */
function isUnreachable(error: unknown): boolean {
  return error instanceof Error && error.name === 'RestError' && isTransientFault(error);
}

interface ClientError {
  status: number;
  code: string;
  message: string;
}

function isClientError(error: unknown): error is ClientError {
  if (typeof error !== 'object' || error === null) return false;
  const { status, code, message } = error as Record<string, unknown>;
  // 5xx stays internal even when it carries a code: its message was not written for clients.
  return (
    typeof status === 'number' &&
    Number.isInteger(status) &&
    status >= 400 &&
    status <= 499 &&
    typeof code === 'string' &&
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(code) &&
    typeof message === 'string'
  );
}

function respond(
  problem: ProblemDetails,
  extensions: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpResponseInit {
  const body: ProblemDetails = { ...problem };
  for (const key of ['detail', 'instance'] as const) if (body[key] === undefined) delete body[key];
  for (const [key, value] of Object.entries(extensions)) if (!STANDARD_MEMBERS.has(key)) body[key] = value;
  const extra = Object.fromEntries(Object.entries(headers).filter(([name]) => name.toLowerCase() !== 'content-type'));
  return { status: problem.status, headers: { ...extra, 'content-type': PROBLEM_CONTENT_TYPE }, jsonBody: body };
}
