/** Socket errors that say "not now", as @azure/core-rest-pipeline's own retry policy lists them. */
const TRANSIENT_CODES = new Set([
  'ETIMEDOUT',
  'ESOCKETTIMEDOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOENT',
  'ENOTFOUND',
  'REQUEST_SEND_ERROR',
]);

/**
 * Whether a failed call to an Azure service (storage, Event Grid, the queue) may pass when tried again: 408, 429
 * and 5xx (but 501 and 505, which will not change), or a connection that failed or timed out. Anything else (401,
 * 400, a bug) fails the same way every time. The one classification ingest, the workers and the event publisher share.
 */
export function isTransientFault(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { statusCode, code } = error as { statusCode?: unknown; code?: unknown };
  if (typeof statusCode === 'number')
    return statusCode === 408 || statusCode === 429 || (statusCode >= 500 && statusCode !== 501 && statusCode !== 505);
  return typeof code === 'string' && TRANSIENT_CODES.has(code);
}
