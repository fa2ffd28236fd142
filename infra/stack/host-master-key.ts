import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The local host's master key, known before the host starts so the app can take it as its admin key
 * (NEWSDESK_ADMIN_KEY): NEWSDESK_HOST_MASTER_KEY when set, else the one the host saved under the data folder on an
 * earlier start (so its other keys stay as they were), else a new one the host will save.
 */
export function hostMasterKey(dataDir: string, env: Record<string, string | undefined>): string {
  if (env.NEWSDESK_HOST_MASTER_KEY) return env.NEWSDESK_HOST_MASTER_KEY;
  const file = join(dataDir, 'host-keys.json');
  const saved = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { masterKey?: unknown }).masterKey : undefined;
  return typeof saved === 'string' && saved.length >= 16 ? saved : randomBytes(30).toString('base64url');
}
