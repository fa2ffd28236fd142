import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { createPostSubmission } from '../submissions/post-submission.js';
import { createUploadSession } from '../uploads/create-upload-session.js';
import { createCommitUploadSession } from '../uploads/commit-upload-session.js';
import { staffSubmitter } from './staff-submitter.js';

/**
 * The desk's uploads on behalf of a client: `POST /api/staff/submissions?clientId=` (multipart), and for big files
 * `POST /api/staff/uploads?clientId=` then `POST /api/staff/uploads/{id}/commit`. The client API's own handlers,
 * with staff naming the client instead of a client's key.
 */
export function registerStaffUploads(deps: IngestDeps): void {
  const submitter = staffSubmitter(deps);
  app.http('staffPostSubmission', {
    route: 'staff/submissions',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createPostSubmission(deps, submitter),
  });
  app.http('staffCreateUploadSession', {
    route: 'staff/uploads',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createUploadSession(deps, submitter),
  });
  app.http('staffCommitUploadSession', {
    route: 'staff/uploads/{id}/commit',
    methods: ['POST'],
    authLevel: 'anonymous',
    handler: createCommitUploadSession(deps, submitter),
  });
}
