import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// There is no Docker here: these are the checks that can be made by reading workers/Dockerfile.
const root = new URL('../../', import.meta.url);
const dockerfile = readFileSync(new URL('workers/Dockerfile', root), 'utf8');

type Instruction = { keyword: string; args: string };
type Stage = { name: string; from: string; instructions: Instruction[] };

/** Instructions with line continuations joined and comments dropped, grouped into stages by FROM. */
function parse(text: string): { args: Map<string, string>; stages: Stage[] } {
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
      stages.push({ name, from: image.replace(/\$\{(\w+)\}/g, (_, arg: string) => args.get(arg) ?? ''), instructions: [] });
    } else if (stages.length === 0 && instruction.keyword === 'ARG') {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value);
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

const { stages } = parse(dockerfile);
const runtime = stages.at(-1)!;
const stage = (name: string) => stages.find((s) => s.name === name)!;
const all = (s: Stage, keyword: string) => s.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
const env = (s: Stage) =>
  new Map(
    all(s, 'ENV').flatMap((args) => [...args.matchAll(/(\w+)=("[^"]*"|\S+)/g)].map((m) => [m[1]!, m[2]!.replace(/^"|"$/g, '')] as const)),
  );
/** The stage a `COPY --from=<stage> <src> <dest>` with this destination copies from. */
const copiedFrom = (s: Stage, dest: string) =>
  all(s, 'COPY')
    .map((args) => /^--from=(\S+) \S+ (\S+)$/.exec(args))
    .find((m) => m?.[2] === dest)?.[1];

describe('workers/Dockerfile', () => {
  it('is multi-stage: node:20-bookworm-slim builds with npm ci and npm run build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stage('build');
    expect(build.from).toBe('node:20-bookworm-slim');
    const runs = all(build, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpm run build\b/);
  });

  it('runs dist/workers/main.js, where tsc puts workers/main.ts, under tini', () => {
    const tsconfig = JSON.parse(readFileSync(new URL('tsconfig.json', root), 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(JSON.parse(all(runtime, 'CMD').at(-1)!)).toEqual(['node', `${tsconfig.compilerOptions.outDir}/workers/main.js`]);
    expect(JSON.parse(all(runtime, 'ENTRYPOINT').at(-1)!)).toEqual(['/usr/bin/tini', '--']);
    expect(copiedFrom(runtime, './dist')).toBe('build');
  });

  it('copies package.json into the runtime, because dist/ is ESM ("type": "module")', () => {
    const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { type?: string };
    expect(pkg.type).toBe('module');
    expect(all(runtime, 'COPY')).toContain('package.json ./');
  });

  it('ships production dependencies only, installed on the same base image as the runtime', () => {
    const from = copiedFrom(runtime, './node_modules');
    expect(from).toBeDefined();
    const deps = stage(from!);
    expect(deps.from).toBe(runtime.from);
    const installs = all(deps, 'RUN').filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/\bnpm ci\b.*--omit=dev/);
    // No npm run in the runtime stage, and nothing copied from the host but package.json.
    expect(all(runtime, 'RUN').join('\n')).not.toMatch(/\bnpm\b/);
    expect(all(runtime, 'COPY').filter((c) => !c.startsWith('--from='))).toEqual(['package.json ./']);
  });

  it('runs as a non-root user, set before the CMD', () => {
    const users = all(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
  });

  it("installs Debian's ffmpeg and points the worker at it; the GPU's video engines are requested", () => {
    expect(all(runtime, 'RUN').join('\n')).toMatch(/apt-get install [^\n]*\bffmpeg\b/);
    const vars = env(runtime);
    expect(vars.get('FFMPEG_PATH')).toBe('/usr/bin/ffmpeg');
    expect(vars.get('FFPROBE_PATH')).toBe('/usr/bin/ffprobe');
    expect(vars.get('NVIDIA_DRIVER_CAPABILITIES')?.split(',').sort()).toEqual(['compute', 'utility', 'video']);
    expect(vars.get('NODE_ENV')).toBe('production');
  });

  it('has a HEALTHCHECK on the worker heartbeat file it declares', () => {
    const [check] = all(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/CMD \["node", "-e", .*NEWSDESK_WORKER_HEARTBEAT_FILE/);
    expect(env(runtime).get('NEWSDESK_WORKER_HEARTBEAT_FILE')).toMatch(/^\/tmp\//);
  });
});
