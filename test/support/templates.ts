import { readdirSync, readFileSync } from 'node:fs';
import { readBicep, type BicepFile } from './bicep-text.js';
import { ROOT } from './root.js';

/** The repository root and infra/azure, with a trailing slash: the tests append paths relative to them. */
export const repoRoot = `${ROOT}/`;
export const azureDir = `${repoRoot}infra/azure/`;

export const readRepoFile = (path: string): string => readFileSync(`${repoRoot}${path}`, 'utf8');

/** The TypeScript sources under a folder of the repository, tests and contract suites left out, as paths from the root. */
export const repoSources = (dir: string): string[] =>
  readdirSync(`${repoRoot}${dir}`, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('.contract.ts'))
    .map((path) => `${dir}/${path}`);

/** main.bicep and every file in modules/, keyed by their path relative to infra/azure. */
export function loadTemplates(): { main: BicepFile; modules: Map<string, BicepFile> } {
  const modules = new Map<string, BicepFile>();
  for (const name of readdirSync(`${azureDir}modules`)
    .filter((f) => f.endsWith('.bicep'))
    .sort()) {
    modules.set(`modules/${name}`, readBicep(`${azureDir}modules/${name}`));
  }
  return { main: readBicep(`${azureDir}main.bicep`), modules };
}

/** All templates, main first. */
export function allTemplates(): BicepFile[] {
  const { main, modules } = loadTemplates();
  return [main, ...modules.values()];
}
