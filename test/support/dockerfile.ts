import { readFileSync } from 'node:fs';

// There is no Docker here: Dockerfiles are checked by reading them.
export type Instruction = { keyword: string; args: string };
export interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
  /** Its ENV settings. */
  env: Map<string, string>;
}

/** Instructions with line continuations joined and comments dropped, grouped into stages by FROM. */
export function parseDockerfile(text: string): { args: Map<string, string>; stages: Stage[] } {
  const lines = text
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s*(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [image = '', , name = ''] = instruction.args.split(' ');
      const from = image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? '');
      stages.push({ name, from, instructions: [], env: new Map() });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else {
      const stage = stages.at(-1);
      stage?.instructions.push(instruction);
      if (stage && instruction.keyword === 'ENV')
        for (const m of instruction.args.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env.set(m[1]!, m[2]!.replace(/^"|"$/g, ''));
    }
  }
  return { args, stages };
}

export const readDockerfile = (path: string) => parseDockerfile(readFileSync(path, 'utf8'));

/** The arguments of each of a stage's instructions with this keyword. */
export const instructions = (s: Stage, keyword: string): string[] => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);

/** The stage a `COPY --from=<stage> <src> <dest>` with this destination copies from. */
export const copiedFrom = (s: Stage, dest: string): string | undefined =>
  instructions(s, 'COPY')
    .map((args) => /^--from=(\S+) \S+ (\S+)$/.exec(args))
    .find((m) => m?.[2] === dest)?.[1];
