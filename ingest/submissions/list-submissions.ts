import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import type { SubmissionStatus } from '../../adapters/ingest-store/ingest-store.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { HttpError } from '../http/http-error.js';
import { submissionView } from './submission-view.js';

const STATUSES: SubmissionStatus[] = ['received', 'processing', 'completed', 'partial', 'failed', 'cancelled'];

/** `GET /api/submissions?status=&since=&limit=`: the client's own submissions, newest first. */
export function createListSubmissions(deps: IngestDeps) {
  return handle(async (request) => {
    const client = await authenticate(request, deps);
    const status = request.query.get('status') ?? undefined;
    if (status !== undefined && !STATUSES.includes(status as SubmissionStatus)) {
      throw new HttpError(400, 'invalid-status-filter', 'Invalid status filter', `status is one of ${STATUSES.join(', ')}.`);
    }
    const since = request.query.get('since') ?? undefined;
    if (since !== undefined && Number.isNaN(Date.parse(since)))
      throw new HttpError(400, 'invalid-since', 'Invalid since', 'since is an ISO 8601 date-time.');
    const limit = Number(request.query.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 200)
      throw new HttpError(400, 'invalid-limit', 'Invalid limit', 'limit is 1 to 200.');
    const records = await deps.store.listSubmissions(client.clientId, {
      status: status as SubmissionStatus | undefined,
      since: since && new Date(since).toISOString(),
      limit,
    });
    const origin = new URL(request.url).origin;
    return { status: 200, jsonBody: { submissions: records.map((r) => submissionView(r, undefined, origin)) } };
  });
}

export function registerListSubmissions(deps: IngestDeps): void {
  app.http('listSubmissions', { route: 'submissions', methods: ['GET'], authLevel: 'anonymous', handler: createListSubmissions(deps) });
}
