import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';
import { parseSubmissionFilter } from './submission-filter.js';
import { submissionRow } from './submission-row.js';

/**
 * `GET /api/staff/submissions?status=&client=&channel=&topic=&label=&duplicate=&from=&to=&q=&limit=&cursor=`: every
 * client's submissions as rows, newest first, a page at a time (`nextCursor`). One read of the clients and one of the
 * store's index, whatever the page size.
 */
export function createListAllSubmissions(deps: Pick<IngestDeps, 'staff' | 'store'>) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    const clients = new Map((await deps.store.listClients()).map((c) => [c.clientId, c.name]));
    const filter = parseSubmissionFilter(new URL(request.url).searchParams, new Set(clients.keys()));
    const rowOf = (record: Parameters<typeof submissionRow>[0]) => submissionRow(record, clients.get(record.clientId) ?? record.clientId);
    const page = await deps.store.listAllSubmissions({
      ...{ limit: filter.limit, cursor: filter.cursor, from: filter.from, to: filter.to },
      match: (record) => filter.matches(rowOf(record)),
    });
    return {
      status: 200,
      headers: { 'cache-control': 'no-store' },
      jsonBody: { submissions: page.submissions.map(rowOf), nextCursor: page.nextCursor },
    };
  });
}

export function registerListAllSubmissions(deps: Pick<IngestDeps, 'staff' | 'store'>): void {
  app.http('staffSubmissions', {
    route: 'staff/submissions',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createListAllSubmissions(deps),
  });
}
