import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { authenticateStaff } from '../auth/authenticate-staff.js';
import { HttpError } from '../http/http-error.js';
import type { Submitter } from '../submissions/submitter.js';

/**
 * The desk's: staff upload on behalf of the client named by `?clientId=` (400 without one, 404 for an unknown or
 * deleted client), and commit any client's upload session. No client rate limit applies to staff.
 */
export function staffSubmitter(deps: Pick<IngestDeps, 'store' | 'staff'>): Submitter {
  const live = async (clientId: string): Promise<ClientRecord | undefined> => {
    const client = await deps.store.getClient(clientId);
    return client && !client.deletedAt ? client : undefined;
  };
  return {
    base: '/api/staff',
    async clientOf(request) {
      authenticateStaff(request, deps.staff);
      const clientId = request.query.get('clientId');
      if (!clientId)
        throw new HttpError(400, 'missing-client-id', 'Client required', 'Name the client you submit for: ?clientId=<client id>.');
      const client = /^[A-Za-z0-9._-]{1,100}$/.test(clientId) ? await live(clientId) : undefined;
      if (!client) throw new HttpError(404, 'client-not-found', 'Client not found', `No client '${clientId}' (or it was deleted).`);
      return client;
    },
    async sessionOwner(request) {
      authenticateStaff(request, deps.staff);
      return live;
    },
  };
}
