import { dirname, join } from 'node:path';
import { platformPackageJson } from './package-json.js';

/** The built host CLI, to run the host as a child process: `node <path> --app DIR` (after the package is built). */
export function hostCliPath(): string {
  return join(dirname(platformPackageJson()), 'dist', 'host', 'cli.js');
}
