import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import type { SettingFlags } from './resolve-settings.js';
import { resolveUrl } from './resolve-url.js';

/** The admin API's settings (`newsdesk clients`): the URL as for clients; the key from --admin-key, NEWSDESK_ADMIN_KEY or the file. */
export async function resolveAdminSettings(
  flags: SettingFlags,
  io: Pick<CliIo, 'env' | 'home'>,
): Promise<{ url: string; adminKey: string }> {
  const { url, file } = await resolveUrl(flags, io);
  const adminKey = flags.adminKey ?? (io.env.NEWSDESK_ADMIN_KEY || undefined) ?? file.adminKey;
  if (!adminKey) throw new CliError('No admin key: pass --admin-key, set NEWSDESK_ADMIN_KEY, or put "adminKey" in the config file.');
  return { url, adminKey };
}
