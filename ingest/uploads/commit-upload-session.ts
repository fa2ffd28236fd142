import { app } from '@azure/functions';
import { incomingPrefix } from '../../contracts/ids.js';
import type { IngestDeps } from '../deps.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { acceptSubmission } from '../submissions/accept-submission.js';
import { inspectUploadedBlob } from './inspect-blob.js';
import { receiving } from '../submissions/receiving.js';
import { clientSubmitter, type Submitter } from '../submissions/submitter.js';

/**
 * `POST /api/uploads/{id}/commit`: checks every blob (exists, size, sniffed type), hashes it and
 * continues as a submission whose id is the session's. A second commit answers the first result. `submitter` says
 * who may commit which session (staff commit any client's: ingest/staff/staff-uploads.ts).
 */
export function createCommitUploadSession(deps: IngestDeps, submitter: Submitter = clientSubmitter(deps)) {
  return handle(
    receiving('upload-session', async (request) => {
      const ownerOf = await submitter.sessionOwner(request);
      const id = request.params.id ?? '';
      const session = /^[A-Za-z0-9_-]{1,100}$/.test(id) ? await deps.store.getUploadSession(id) : undefined;
      const client = session && (await ownerOf(session.clientId));
      if (!session || !client)
        throw new HttpError(404, 'upload-session-not-found', 'Upload session not found', `No upload session '${id}'.`);
      const origin = new URL(request.url).origin;
      if (session.state === 'committed') {
        return {
          status: 202,
          jsonBody: { submissionId: session.sessionId, statusUrl: `${origin}/api/submissions/${session.sessionId}`, files: [] },
        };
      }
      if (Date.parse(session.expiresAt) < deps.now().getTime()) {
        await deps.blobs.deletePrefix(incomingPrefix(session.sessionId));
        throw new HttpError(
          410,
          'upload-session-expired',
          'Upload session expired',
          `The session expired at ${session.expiresAt}; start a new one.`,
        );
      }
      let files;
      try {
        files = await Promise.all(session.files.map((f) => inspectUploadedBlob(deps, f)));
      } catch (error) {
        // Not media, or the wrong size: the blobs can never become a submission. Missing blobs: the client may still upload.
        if (error instanceof HttpError && error.status === 409) throw error;
        await deps.blobs.deletePrefix(incomingPrefix(session.sessionId));
        throw error;
      }
      const accepted = await acceptSubmission(
        deps,
        {
          submissionId: session.sessionId,
          client,
          files,
          channel: 'upload-session',
          webhookUrl: session.webhookUrl,
          reference: session.reference,
          priority: session.priority,
          metadata: session.metadata,
        },
        origin,
      );
      await deps.store.putUploadSession({ ...session, state: 'committed', submissionId: session.sessionId });
      return { status: 202, headers: { location: accepted.statusUrl }, jsonBody: accepted };
    }),
  );
}

export function registerCommitUploadSession(deps: IngestDeps): void {
  app.http('commitUploadSession', {
    route: 'uploads/{id}/commit',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createCommitUploadSession(deps),
  });
}
