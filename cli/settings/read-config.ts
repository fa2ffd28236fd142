import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { CliError } from '../cli-error.js';

const configFile = z.strictObject({
  url: z.url().optional(),
  apiKey: z.string().min(1).optional(),
  adminKey: z.string().min(1).optional(),
});
export type ConfigFile = z.infer<typeof configFile>;

/** The config file's settings; none when there is no file. A file that is there but wrong is an error, not ignored. */
export async function readConfig(path: string): Promise<ConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new CliError(`Cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CliError(`The config file ${path} is not valid JSON.`);
  }
  const parsed = configFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError(
      `The config file ${path} is invalid: ${issue?.path.join('.') || 'file'}: ${issue?.message}. It takes "url", "apiKey" and "adminKey".`,
    );
  }
  return parsed.data;
}
