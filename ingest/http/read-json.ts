import type { HttpRequest } from '@azure/functions';
import { readCappedWeb } from '../../lib/streams/read-capped-web.js';
import { TooLarge } from '../../lib/streams/too-large.js';
import { HttpError } from './http-error.js';

/** Reads a JSON body up to `maxBytes` (counted while streaming), or answers 400/413/415. */
export async function readJson(request: HttpRequest, maxBytes: number): Promise<unknown> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new HttpError(415, 'unsupported-content-type', 'Unsupported content type', 'Send application/json.');
  }
  let bytes: Buffer = Buffer.alloc(0);
  try {
    if (request.body) bytes = await readCappedWeb(request.body, maxBytes);
  } catch (error) {
    if (error instanceof TooLarge)
      throw new HttpError(413, 'payload-too-large', 'Payload too large', `The JSON body is over ${maxBytes} bytes.`);
    throw error;
  }
  try {
    return JSON.parse(bytes.toString('utf8')) as unknown;
  } catch {
    throw new HttpError(400, 'invalid-json', 'Invalid JSON', 'The request body is not valid JSON.');
  }
}
