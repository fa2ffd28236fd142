import { stat } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import type { SessionFile } from '../upload/session-request.js';

/** Each path's size and modification time, checked before anything is sent: a typo fails at once rather than after the other uploads. */
export async function readFiles(paths: readonly string[]): Promise<SessionFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new CliError(`${path} is not a file.`);
      return { path, size: info.size, mtimeMs: info.mtimeMs };
    }),
  );
}
