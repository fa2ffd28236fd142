import type { AdminDeps } from './admin-deps.js';
import { HttpError } from '../http/http-error.js';

/**
 * Refuses (409 sender-in-use) an address another client receives mail from: a sender maps to one client. A deleted
 * client's senders are free to take over. Checked before writing; two admins claiming one address at the same moment
 * is not guarded against.
 */
export async function checkSenders(addresses: readonly string[], clientId: string, deps: Pick<AdminDeps, 'store'>): Promise<void> {
  for (const address of addresses) {
    const owner = await deps.store.clientIdBySender(address);
    if (owner === undefined || owner === clientId) continue;
    const record = await deps.store.getClient(owner);
    if (record && !record.deletedAt && (!record.mailSenders || record.mailSenders.includes(address)))
      throw new HttpError(409, 'sender-in-use', 'Sender in use', `Mail from '${address}' already goes to another client.`);
  }
}
