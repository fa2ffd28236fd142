import type { Command } from 'commander';
import { Api } from '../http/api.js';
import type { CliIo } from '../io.js';
import { resolveSettings, type SettingFlags } from '../settings/resolve-settings.js';

/** What every command's action gets: the streams, the API with the settings resolved, and where its exit code goes. */
export interface CommandContext {
  io: CliIo;
  api(command: Command): Promise<Api>;
  exit(code: number): void;
}

export function commandContext(io: CliIo, exit: (code: number) => void): CommandContext {
  return { io, exit, api: async (command) => new Api(await resolveSettings(command.optsWithGlobals<SettingFlags>(), io)) };
}

/** The "Example:" block every command's --help ends with. */
export const example = (...lines: string[]): string => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
