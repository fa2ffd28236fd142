import { InvalidArgumentError } from 'commander';
import { CliError } from '../cli-error.js';
import { parseByteSize } from './byte-size.js';

/** A size from its flag, else its environment variable (read as the flag is), else the default. */
export function sizeSetting(flag: number | undefined, env: Record<string, string | undefined>, name: string, fallback: number): number {
  if (flag !== undefined) return flag;
  const value = env[name];
  if (!value) return fallback;
  try {
    return parseByteSize(value);
  } catch (error) {
    throw new CliError(`${name}=${value}: ${error instanceof InvalidArgumentError ? error.message : String(error)}`);
  }
}
