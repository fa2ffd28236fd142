/**
 * What a storage queue message carries. The service assigns its own message ids, so the job's
 * id (derived from submissionId/fileId) travels inside the message.
 */
export interface JobEnvelope<T> {
  messageId: string;
  body: T;
  /**
   * Deliveries given back by `defer`. The service's dequeueCount counts every receive and cannot be lowered, so the
   * deliveries that count are dequeueCount less these; absent until the first deferral.
   */
  deferred?: number;
}

/** JSON, base64-encoded: the Azure Functions queue trigger's default `messageEncoding`. */
export function encodeEnvelope(value: object): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64');
}

/** The envelope, or undefined when the text is not one (sent by something else, or corrupted). */
export function decodeEnvelope<T>(text: string): JobEnvelope<T> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
    if (typeof value !== 'object' || value === null || !('body' in value)) return undefined;
    const { messageId, body, deferred } = value as { messageId: unknown; body: T; deferred?: unknown };
    if (typeof messageId !== 'string') return undefined;
    return Number.isInteger(deferred) && (deferred as number) > 0 ? { messageId, body, deferred: deferred as number } : { messageId, body };
  } catch {
    return undefined;
  }
}
