import { stat } from 'node:fs/promises';
import { CliError } from '../cli-error.js';
import type { UploadFile } from './multipart-body.js';

/** Each path's size, checked before anything is sent: a typo fails at once rather than after the other uploads. */
export async function readFiles(paths: readonly string[]): Promise<UploadFile[]> {
  return Promise.all(
    paths.map(async (path) => {
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) throw new CliError(`${path} is not a file.`);
      return { path, size: info.size };
    }),
  );
}
