import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

interface Manifest {
  name?: unknown;
  version?: unknown;
}

const readManifest = (file: string): Manifest => JSON.parse(readFileSync(file, 'utf8')) as Manifest;

/**
 * The folder of an installed package. Found from its resolved entry point and not from `<name>/package.json`, because
 * some packages' `exports` maps (human's, for one) do not export their package.json.
 */
export function packageDir(name: string): string {
  let dir = path.dirname(require.resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && readManifest(manifest).name === name) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the folder of the installed package ${name}`);
    dir = parent;
  }
}

export function packageVersion(name: string): string {
  const version = readManifest(path.join(packageDir(name), 'package.json')).version;
  if (typeof version !== 'string') throw new Error(`The package ${name} has no version in its package.json`);
  return version;
}
