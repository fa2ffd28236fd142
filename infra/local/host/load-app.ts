import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface HostJson {
  version?: string;
  extensions?: {
    http?: { routePrefix?: string; maxRequestBodySize?: number };
    durableTask?: { hubName?: string; maxConcurrentActivityFunctions?: number; maxConcurrentOrchestratorFunctions?: number };
  };
}

function globToRegExp(pattern: string): RegExp {
  const escaped = pattern
    .split('/')
    .map((part) => (part === '**' ? '(?:.*/)?' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*') + '/'))
    .join('');
  return new RegExp(`^${escaped.replace(/\/$/, '').replace(/\(\?:\.\*\/\)\?$/, '.*')}$`);
}

function walk(dir: string, base: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, base, out);
    else
      out.push(
        full
          .slice(base.length + 1)
          .split(sep)
          .join('/'),
      );
  }
}

/** The app's entry files: package.json `main`, a path or a glob (`dist/src/functions/*.js`), as the worker reads it. */
export function entryFiles(appDir: string): string[] {
  const pkgFile = join(appDir, 'package.json');
  if (!existsSync(pkgFile)) throw new Error(`No package.json in the app folder ${appDir}.`);
  const main = (JSON.parse(readFileSync(pkgFile, 'utf8')) as { main?: string }).main;
  if (!main) throw new Error(`${pkgFile} has no "main": the host cannot tell which files register functions.`);
  const pattern = main.replace(/^\.\//, '');
  if (!pattern.includes('*')) {
    const file = resolve(appDir, pattern);
    if (!existsSync(file)) throw new Error(`The app's entry point ${file} does not exist (did you build it?).`);
    return [file];
  }
  const files: string[] = [];
  walk(resolve(appDir), resolve(appDir), files);
  const re = globToRegExp(pattern);
  const matched = files
    .filter((f) => re.test(f))
    .sort()
    .map((f) => resolve(appDir, f));
  if (matched.length === 0) throw new Error(`No file in ${appDir} matches the app's "main" pattern '${main}'.`);
  return matched;
}

export function readHostJson(appDir: string): HostJson {
  const file = join(appDir, 'host.json');
  if (!existsSync(file)) return { version: '2.0' };
  return JSON.parse(readFileSync(file, 'utf8')) as HostJson;
}

/** Imports every entry file; each registers its functions as a side effect, as in Azure. */
export async function loadApp(appDir: string): Promise<void> {
  for (const file of entryFiles(appDir)) await import(pathToFileURL(file).href);
}
