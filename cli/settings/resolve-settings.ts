import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { resolveUrl } from './resolve-url.js';

export interface Settings {
  /** The API's origin, without a trailing slash. */
  url: string;
  apiKey: string;
}

export interface SettingFlags {
  url?: string;
  apiKey?: string;
  adminKey?: string;
  config?: string;
}

/** Each setting from the first that has it: flags, then NEWSDESK_URL / NEWSDESK_API_KEY, then the config file. */
export async function resolveSettings(flags: SettingFlags, io: Pick<CliIo, 'env' | 'home'>): Promise<Settings> {
  const { url, file } = await resolveUrl(flags, io);
  const apiKey = flags.apiKey ?? (io.env.NEWSDESK_API_KEY || undefined) ?? file.apiKey;
  if (!apiKey) throw new CliError('No API key: pass --api-key, set NEWSDESK_API_KEY, or put "apiKey" in the config file.');
  return { url, apiKey };
}
