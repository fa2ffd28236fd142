import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { configPath } from './config-path.js';
import { readConfig } from './read-config.js';

export const DEFAULT_URL = 'http://127.0.0.1:7071';

export interface Settings {
  /** The API's origin, without a trailing slash. */
  url: string;
  apiKey: string;
}

export interface SettingFlags {
  url?: string;
  apiKey?: string;
  config?: string;
}

/** Each setting from the first that has it: flags, then NEWSDESK_URL / NEWSDESK_API_KEY, then the config file. */
export async function resolveSettings(flags: SettingFlags, io: Pick<CliIo, 'env' | 'home'>): Promise<Settings> {
  const file = await readConfig(flags.config ?? configPath(io.env, io.home));
  const url = flags.url ?? (io.env.NEWSDESK_URL || undefined) ?? file.url ?? DEFAULT_URL;
  const apiKey = flags.apiKey ?? (io.env.NEWSDESK_API_KEY || undefined) ?? file.apiKey;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CliError(`The URL ${url} is not an http(s) URL.`);
  if (!apiKey) throw new CliError('No API key: pass --api-key, set NEWSDESK_API_KEY, or put "apiKey" in the config file.');
  return { url: url.replace(/\/+$/, ''), apiKey };
}
