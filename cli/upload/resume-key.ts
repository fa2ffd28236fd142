import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { Api } from '../http/api.js';
import type { SessionFile, SessionRequest } from './session-request.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * What makes "the same command again": the API and who asks (its key, hashed), each file by absolute path, size and
 * modification time, and the request's fields. A changed file or field is a new upload, never a resume of the old one.
 */
export function resumeKey(api: Api, request: SessionRequest, files: readonly SessionFile[]): string {
  return sha256(
    JSON.stringify({
      api: api.origin,
      who: sha256(api.credential.value),
      files: files.map((f) => [resolve(f.path), f.size, f.mtimeMs]),
      request,
    }),
  );
}
