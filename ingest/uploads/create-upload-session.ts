import { app } from '@azure/functions';
import { z } from 'zod';
import { incomingBlobOf } from '../../contracts/ids.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { readJson } from '../http/read-json.js';
import { checkFilename } from '../media/check-filename.js';
import { validateFields } from '../submissions/submission-fields.js';
import { parseBody } from '../http/parse-body.js';
import { clientSubmitter, type Submitter } from '../submissions/submitter.js';

const request = z.strictObject({
  files: z
    .array(z.strictObject({ name: z.string(), size: z.number().int().positive(), contentType: z.string().max(255).optional() }))
    .min(1),
  webhookUrl: z.string().optional(),
  reference: z.string().optional(),
  priority: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

/**
 * `POST /api/uploads`: for large files. Hands out one short-lived, write-only SAS URL per file; the
 * client uploads blocks straight to Blob Storage with the ordinary SDK (resumable), then commits. `submitter` says
 * for which client (the desk's staff route names one: ingest/staff/staff-uploads.ts).
 */
export function createUploadSession(deps: IngestDeps, submitter: Submitter = clientSubmitter(deps)) {
  return handle(async (req) => {
    const client = await submitter.clientOf(req);
    const { files, ...rest } = parseBody(request, await readJson(req, 256 * 1024), {
      code: 'invalid-upload-request',
      title: 'Invalid upload request',
    });
    if (files.length > deps.limits.maxFiles)
      throw new HttpError(413, 'too-many-files', 'Too many files', `At most ${deps.limits.maxFiles} files per submission.`);
    for (const f of files) {
      const problem = checkFilename(f.name);
      if (problem) throw new HttpError(400, 'bad-filename', 'Bad file name', `'${f.name}': ${problem}`);
      if (f.size > deps.limits.maxUploadBytes)
        throw new HttpError(413, 'file-too-large', 'File too large', `'${f.name}' is over ${deps.limits.maxUploadBytes} bytes.`);
    }
    const fields = await validateFields(rest, deps, client.defaultWebhookUrl);
    const sessionId = deps.newId('u');
    const expiresAt = new Date(deps.now().getTime() + deps.uploadSessionMinutes * 60_000);
    const planned = files.map((f) => {
      const fileId = deps.newId('f');
      return { fileId, name: f.name, size: f.size, blob: incomingBlobOf(sessionId, fileId) };
    });
    await deps.store.putUploadSession({
      sessionId,
      clientId: client.clientId,
      files: planned,
      ...fields,
      expiresAt: expiresAt.toISOString(),
      state: 'open',
    });
    const origin = new URL(req.url).origin;
    const urls = await Promise.all(planned.map((p) => deps.blobs.writeUrl(p.blob, expiresAt)));
    return {
      status: 201,
      jsonBody: {
        sessionId,
        expiresAt: expiresAt.toISOString(),
        commitUrl: `${origin}${submitter.base}/uploads/${sessionId}/commit`,
        files: planned.map((p, i) => ({ fileId: p.fileId, name: p.name, size: p.size, uploadUrl: urls[i] })),
      },
    };
  });
}

export function registerCreateUploadSession(deps: IngestDeps): void {
  app.http('createUploadSession', { route: 'uploads', methods: ['POST'], authLevel: 'anonymous', handler: createUploadSession(deps) });
}
