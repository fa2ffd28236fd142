import { signedOut, authHeaders } from '../api/session.js';
import type { Accepted } from '../api/types.js';
import { perFileProgress } from './per-file-progress.js';
import { xhrSend } from './xhr-send.js';

/** Small files: one multipart POST on the client's behalf, exactly as the client API takes it. */
export async function uploadMultipart(
  clientId: string,
  files: File[],
  reference: string,
  onProgress: (fractions: number[]) => void,
): Promise<Accepted> {
  const form = new FormData();
  // Fields before files: ingest checks each field as it arrives and refuses a bad one before storing anything.
  if (reference) form.append('reference', reference);
  for (const file of files) form.append('file', file, file.name);
  const sizes = files.map((f) => f.size);
  try {
    const text = await xhrSend('POST', `/api/staff/submissions?clientId=${encodeURIComponent(clientId)}`, form, {
      headers: { accept: 'application/json', ...authHeaders() },
      onProgress: (loaded) => onProgress(perFileProgress(loaded, sizes)),
    });
    onProgress(sizes.map(() => 1));
    return JSON.parse(text) as Accepted;
  } catch (error) {
    if ((error as { status?: number }).status === 401) signedOut();
    throw error;
  }
}
