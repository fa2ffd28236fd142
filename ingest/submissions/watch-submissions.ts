import { app } from '@azure/functions';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';
import { handle } from '../http/handle.js';
import { rowFeed } from '../staff/row-feed.js';

/**
 * `GET /api/submissions/events`: the client's own new and changed submissions as they happen (`event: submission`, in
 * the desk's row shape), the stream `newsdesk watch` follows. The desk's feed, narrowed to the key's client.
 */
export function createWatchSubmissions(deps: IngestDeps) {
  return handle(async (request) => {
    const client = await authenticate(request, deps);
    return rowFeed(deps, { clientId: client.clientId });
  });
}

export function registerWatchSubmissions(deps: IngestDeps): void {
  // A literal segment: Azure and the local host both route it here rather than to submissions/{id}.
  app.http('watchSubmissions', {
    route: 'submissions/events',
    methods: ['GET'],
    authLevel: 'anonymous',
    handler: createWatchSubmissions(deps),
  });
}
