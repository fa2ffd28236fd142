import type { Command } from 'commander';
import { Api } from '../http/api.js';
import type { CliIo } from '../io.js';
import { resolveAdminSettings } from '../settings/resolve-admin-settings.js';
import { resolveSettings, type SettingFlags } from '../settings/resolve-settings.js';

/** What every command's action gets: the streams, the API with the settings resolved, and where its exit code goes. */
export interface CommandContext {
  io: CliIo;
  /** The API as the client (x-api-key). */
  api(command: Command): Promise<Api>;
  /** The admin API (x-admin-key), for `newsdesk clients`. */
  adminApi(command: Command): Promise<Api>;
  exit(code: number): void;
}

export function commandContext(io: CliIo, exit: (code: number) => void): CommandContext {
  return {
    io,
    exit,
    api: async (command) => {
      const { url, apiKey } = await resolveSettings(command.optsWithGlobals<SettingFlags>(), io);
      return new Api(url, { header: 'x-api-key', value: apiKey });
    },
    adminApi: async (command) => {
      const { url, adminKey } = await resolveAdminSettings(command.optsWithGlobals<SettingFlags>(), io);
      return new Api(url, { header: 'x-admin-key', value: adminKey });
    },
  };
}

/** The "Example:" block every command's --help ends with. */
export const example = (...lines: string[]): string => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
