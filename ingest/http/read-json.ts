import type { HttpRequest } from '@azure/functions';
import { HttpError } from './http-error.js';

/** Reads a JSON body up to `maxBytes` (counted while streaming), or answers 400/413/415. */
export async function readJson(request: HttpRequest, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-content-type', 'Unsupported content type', 'Send application/json.');
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    for await (const chunk of request.body as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > maxBytes) throw new HttpError(413, 'payload-too-large', 'Payload too large', `The JSON body is over ${maxBytes} bytes.`);
      chunks.push(chunk);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-json', 'Invalid JSON', 'The request body is not valid JSON.');
  }
}
