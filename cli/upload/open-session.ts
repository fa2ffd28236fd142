import { basename } from 'node:path';
import type { Api } from '../http/api.js';
import type { ResumeRecord, SessionFile, SessionRequest } from './session-request.js';

/** Blob Storage takes at most 50,000 blocks a blob: a huge file gets bigger blocks rather than a refused commit. */
const MAX_BLOCKS = 50_000;

interface Opened {
  sessionId: string;
  expiresAt: string;
  files: { fileId: string; uploadUrl: string }[];
}

/** `POST /api/uploads`: a new session for the files, as a resume record with nothing staged yet. */
export async function openSession(
  api: Api,
  request: SessionRequest,
  files: readonly SessionFile[],
  blockSize: number,
): Promise<ResumeRecord> {
  const size = Math.max(blockSize, ...files.map((f) => Math.ceil(f.size / MAX_BLOCKS)));
  const opened = await api.json<Opened>('POST', '/uploads', {
    ...request,
    files: files.map((f) => ({ name: basename(f.path), size: f.size })),
  });
  return {
    sessionId: opened.sessionId,
    expiresAt: opened.expiresAt,
    blockSize: size,
    files: opened.files.map((f, i) => ({
      fileId: f.fileId,
      uploadUrl: f.uploadUrl,
      blocks: Math.max(1, Math.ceil(files[i]!.size / size)),
      staged: [],
      committed: false,
    })),
  };
}
