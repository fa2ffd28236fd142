import type { HttpRequest } from '@azure/functions';
import { HttpError } from '../http/http-error.js';
import { hashApiKey, sameHash } from '../security/api-key.js';
import type { AdminDeps } from './admin-deps.js';

/**
 * Lets the request through when its `x-admin-key` is the admin key. A client's API key (in x-api-key) is a known
 * identity without the right: 403; no key or a wrong one: 401. Compared as hashes, in constant time.
 */
export async function authorizeAdmin(request: HttpRequest, deps: Pick<AdminDeps, 'adminKey' | 'clientByKeyHash'>): Promise<void> {
  if (!deps.adminKey)
    throw new HttpError(404, 'admin-api-disabled', 'Admin API disabled', 'No admin key is configured (NEWSDESK_ADMIN_KEY).');
  const presented = request.headers.get('x-admin-key');
  if (presented) {
    if (sameHash(hashApiKey(presented), hashApiKey(deps.adminKey))) return;
    throw new HttpError(401, 'invalid-admin-key', 'Invalid admin key', 'The admin key is not valid.', undefined, {
      'www-authenticate': 'AdminKey',
    });
  }
  const clientKey = request.headers.get('x-api-key');
  if (clientKey && clientKey.length <= 200 && (await deps.clientByKeyHash(hashApiKey(clientKey))))
    throw new HttpError(
      403,
      'admin-key-required',
      'Admin key required',
      "A client's API key cannot administer clients: send the admin key in x-admin-key.",
    );
  throw new HttpError(401, 'missing-admin-key', 'Admin key required', 'Send the admin key in the x-admin-key header.', undefined, {
    'www-authenticate': 'AdminKey',
  });
}
