import { apiFetch } from '../api/api-fetch.js';
import type { Accepted, UploadSession } from '../api/types.js';
import { uploadBlocks } from './upload-blocks.js';

/** Big files: an upload session for the client, every file in blocks straight to storage, then the commit. */
export async function uploadSession(
  clientId: string,
  files: File[],
  reference: string,
  onProgress: (fractions: number[]) => void,
): Promise<Accepted> {
  const session = await apiFetch<UploadSession>(`/api/staff/uploads?clientId=${encodeURIComponent(clientId)}`, {
    method: 'POST',
    body: {
      files: files.map((f) => ({ name: f.name, size: f.size, ...(f.type ? { contentType: f.type } : {}) })),
      ...(reference ? { reference } : {}),
    },
  });
  const fractions = files.map(() => 0);
  await Promise.all(
    files.map((file, i) =>
      uploadBlocks(file, session.files[i]!.uploadUrl, (sent) => {
        fractions[i] = sent / file.size;
        onProgress([...fractions]);
      }),
    ),
  );
  return apiFetch<Accepted>(`/api/staff/uploads/${encodeURIComponent(session.sessionId)}/commit`, { method: 'POST' });
}
