/**
 * What a storage queue message carries. The service assigns its own message ids, so the job's
 * id (derived from submissionId/fileId) travels inside the message.
 */
export interface JobEnvelope<T> {
  messageId: string;
  body: T;
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
    const { messageId, body } = value as { messageId: unknown; body: T };
    return typeof messageId === 'string' ? { messageId, body } : undefined;
  } catch {
    return undefined;
  }
}
