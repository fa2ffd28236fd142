import { hashApiKey, sameHash } from '../../ingest/security/api-key.js';

/**
 * The mail drop's SMTP AUTH check for `npm start`: each development mail sender logs in as itself (the user name
 * compared case-insensitively, as addresses are) with the one password `npm start` keeps and prints.
 */
export function mailDropLogin(senders: string[], password: string): (username: string, given: string) => boolean {
  const users = new Set(senders.map((s) => s.toLowerCase()));
  const expected = hashApiKey(password);
  return (username, given) => sameHash(hashApiKey(given), expected) && users.has(username.toLowerCase());
}
