import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';
import { configPath } from './config-path.js';
import { readConfig, type ConfigFile } from './read-config.js';

export const DEFAULT_URL = 'http://127.0.0.1:7071';

/** The API's origin (--url, else NEWSDESK_URL, else the config file, else the default), and the config file's settings. */
export async function resolveUrl(
  flags: { url?: string; config?: string },
  io: Pick<CliIo, 'env' | 'home'>,
): Promise<{ url: string; file: ConfigFile }> {
  const file = await readConfig(flags.config ?? configPath(io.env, io.home));
  const url = flags.url ?? (io.env.NEWSDESK_URL || undefined) ?? file.url ?? DEFAULT_URL;
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) throw new CliError(`The URL ${url} is not an http(s) URL.`);
  return { url: url.replace(/\/+$/, ''), file };
}
