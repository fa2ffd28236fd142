import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** package-lock.json (lockfileVersion 3): install paths (`node_modules/a/node_modules/b`) to their entries. */
export interface Lockfile {
  name: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}
export interface LockEntry {
  version?: string;
  dev?: boolean;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  [field: string]: unknown;
}

/**
 * The install paths a set of top-level packages needs at run time: each one and, transitively, its dependencies,
 * optional ones (platform binaries, which npm skips on other platforms) and required peers, each found where Node
 * would find it from the package that needs it (its own node_modules, then each enclosing one, then the top).
 */
export function lockfileClosure(lock: Lockfile, names: string[]): string[] {
  const found = new Set<string>();
  const visit = (path: string) => {
    if (found.has(path)) return;
    const entry = lock.packages[path];
    if (!entry) throw new Error(`${path} is not in the lockfile`);
    found.add(path);
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const name of [...Object.keys(entry.dependencies ?? {}), ...peers]) visit(resolveFrom(lock, path, name, true)!);
    for (const name of Object.keys(entry.optionalDependencies ?? {})) {
      const at = resolveFrom(lock, path, name, false);
      if (at) visit(at);
    }
  };
  for (const name of names) visit(`node_modules/${name}`);
  return [...found].sort();
}

function resolveFrom(lock: Lockfile, from: string, name: string, required: boolean): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    const up = base.lastIndexOf('/node_modules/');
    if (up === -1) break;
    base = base.slice(0, up);
  }
  if (lock.packages[`node_modules/${name}`]) return `node_modules/${name}`;
  if (required) throw new Error(`${from} needs ${name}, which the lockfile does not have`);
  return undefined;
}

/** The root lockfile cut to a closure, for a package.json whose dependencies are `dependencies`. */
export function subsetLockfile(lock: Lockfile, name: string, dependencies: Record<string, string>, paths: string[]): Lockfile {
  const root = { name, dependencies };
  return {
    name,
    lockfileVersion: lock.lockfileVersion,
    requires: true,
    packages: { '': root, ...Object.fromEntries(paths.map((p) => [p, lock.packages[p]!])) },
  };
}

/**
 * Bytes of the files of each installed path (its own node_modules left out: nested packages are paths of their own),
 * but for the files `dropped` matches (what an image deletes after installing).
 */
export function installedBytes(root: string, paths: string[], dropped = /$^/): { bytes: number; missing: string[] } {
  let bytes = 0;
  const missing: string[] = [];
  for (const path of paths) {
    const dir = join(root, path);
    if (existsSync(dir)) bytes += treeBytes(dir, true, dropped);
    else missing.push(path);
  }
  return { bytes, missing };
}

function treeBytes(dir: string, top: boolean, dropped: RegExp): number {
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (top && entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) bytes += treeBytes(path, false, dropped);
    else if (entry.isFile() && !dropped.test(entry.name)) bytes += lstatSync(path).size;
  }
  return bytes;
}
