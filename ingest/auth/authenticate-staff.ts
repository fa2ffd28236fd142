import type { HttpRequest } from '@azure/functions';
import { HttpError } from '../http/http-error.js';
import { hashApiKey, sameHash } from '../security/api-key.js';
import { STAFF_ROLE, type StaffAuthSettings, type StaffIdentity } from './staff-identity.js';
import { principalOf } from './client-principal.js';

const unauthorized = (code: string, title: string, detail: string) =>
  new HttpError(401, code, title, detail, undefined, { 'www-authenticate': 'Bearer realm="newsdesk-desk"' });

/**
 * The staff member behind a desk request: an editor key (`Authorization: Bearer`), or, where App Service
 * authentication fronts the app, the signed-in Entra ID user holding the staff app role. A client's API key never
 * opens a staff endpoint: those see every client's submissions and resolve escalations.
 */
export function authenticateStaff(request: HttpRequest, staff: StaffAuthSettings): StaffIdentity {
  const bearer = /^Bearer\s+(\S{1,200})$/i.exec(request.headers.get('authorization') ?? '')?.[1];
  if (bearer) {
    const hash = hashApiKey(bearer);
    const editor = staff.editorKeys.find((k) => sameHash(k.hash, hash));
    if (!editor)
      throw unauthorized('invalid-staff-key', 'Invalid staff key', 'The editor key is not known; sign in again with the desk link.');
    return { id: `editor:${editor.name}`, name: editor.name };
  }
  const principal = staff.easyAuth ? principalOf(request.headers.get('x-ms-client-principal')) : undefined;
  if (principal) {
    if (!principal.roles.includes(STAFF_ROLE))
      throw new HttpError(403, 'staff-role-required', 'Staff role required', `Your account lacks the ${STAFF_ROLE} app role.`);
    return { id: principal.id, name: principal.name };
  }
  if (request.headers.get('x-api-key'))
    throw new HttpError(403, 'staff-only', 'Staff only', 'This endpoint is for newsroom staff; client API keys cannot use it.');
  throw unauthorized('staff-sign-in-required', 'Sign-in required', 'Sign in to the desk (npm start prints a sign-in link).');
}
