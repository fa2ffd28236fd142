import type { HttpRequest } from '@azure/functions';
import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { IngestDeps } from '../deps.js';
import { authenticate } from '../auth/authenticate.js';

/**
 * Who a submission or an upload session is for, and who may ask: a client with its API key (the client API), or
 * staff naming the client (the desk, ingest/staff/staff-submitter.ts). The intake handlers take one, so the client
 * and staff routes share one implementation.
 */
export interface Submitter {
  /** Where this API's routes begin (`/api`, `/api/staff`): an upload session's commit URL points back into it. */
  base: string;
  /** Authenticates the request and names the client it submits for; throws the problem (401, 403, 404…) otherwise. */
  clientOf(request: HttpRequest): Promise<ClientRecord>;
  /**
   * Authenticates the request (before anything is looked up), then says as which client an upload session made for
   * `clientId` may be committed: undefined when the caller may not, which is reported as not found.
   */
  sessionOwner(request: HttpRequest): Promise<(clientId: string) => Promise<ClientRecord | undefined>>;
}

/** The client API's: the client behind the x-api-key, within its rate limit, for its own sessions only. */
export function clientSubmitter(deps: Pick<IngestDeps, 'clientByKeyHash' | 'rateLimiter' | 'now'>): Submitter {
  return {
    base: '/api',
    clientOf: (request) => authenticate(request, deps),
    async sessionOwner(request) {
      const client = await authenticate(request, deps);
      return async (clientId) => (clientId === client.clientId ? client : undefined);
    },
  };
}
