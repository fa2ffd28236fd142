import { app } from '@azure/functions';
import { MEDIA_TOPICS } from '../../contracts/media-topics.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { handle } from '../http/handle.js';

const TOPICS = Object.values(MEDIA_TOPICS).map(({ code, label }) => ({ code, name: label }));

/** `GET /api/staff/topics`: the IPTC Media Topics an editor picks from (the vocabulary the classifier and the webhook use). */
export function createListTopics(deps: Pick<IngestDeps, 'staff'>) {
  return handle(async (request) => {
    authenticateStaff(request, deps.staff);
    return { status: 200, headers: { 'cache-control': 'private, max-age=3600' }, jsonBody: { topics: TOPICS } };
  });
}

export function registerListTopics(deps: Pick<IngestDeps, 'staff'>): void {
  app.http('staffTopics', { route: 'staff/topics', methods: ['GET'], authLevel: 'anonymous', handler: createListTopics(deps) });
}
