import type { BicepFile } from './bicep-text.js';

/**
 * A container's environment as a template declares it, `var <name> = [ { name: 'X', value: v } ... ]`: each name with
 * the source text of its value (or of its secretRef).
 */
export function containerEnv(file: BicepFile, name: string): [string, string][] {
  const at = file.text.indexOf(`var ${name} = [`);
  if (at < 0) throw new Error(`${file.path} has no array variable ${name}`);
  const block = file.text.slice(at, file.text.indexOf('\n]\n', at));
  return [...block.matchAll(/^\s*\{ name: '(\w+)', (?:value|secretRef): (.+) \}$/gm)].map((m) => [m[1]!, m[2]!.trim()]);
}
