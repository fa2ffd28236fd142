import { StreamAborted } from '../streams/stream-aborted.js';

/** Socket errors raced over several addresses arrive as an AggregateError with an empty message. */
export function describeNetworkError(error: unknown): string {
  // A body that broke midway: the socket's own error says why.
  if (error instanceof StreamAborted && error.cause !== undefined) return describeNetworkError(error.cause);
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeNetworkError).join('; ');
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (typeof code === 'string' ? code : error.name);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
