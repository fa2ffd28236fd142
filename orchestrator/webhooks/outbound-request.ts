import type { Readable } from 'node:stream';

/**
 * Small pieces shared by the two places that call addresses someone else chose — webhook delivery
 * and the classifier's `{url}` download — both through the SSRF guard's pinned agent.
 */

/** Drops an unread body; undici reports that as an abort error, which is expected here. */
export function discardBody(body: Readable): void {
  body.on('error', () => undefined);
  body.destroy();
}

/** DNS cannot be cancelled, but the deadline does not have to wait for it. */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return Promise.race([
    work,
    new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    }),
  ]);
}

/** Socket errors raced over several addresses arrive as an AggregateError with an empty message. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return error.errors.map(describeNetworkError).join('; ');
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  const message = error.message || (typeof code === 'string' ? code : error.name);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
}
