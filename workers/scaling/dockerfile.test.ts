import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { copiedFrom, instructions, readDockerfile } from '../../test/support/dockerfile.js';

// There is no Docker here: these are the checks that can be made by reading workers/Dockerfile.
const root = new URL('../../', import.meta.url);
const { stages } = readDockerfile(new URL('workers/Dockerfile', root).pathname);
const runtime = stages.at(-1)!;
const stage = (name: string) => stages.find((s) => s.name === name)!;

describe('workers/Dockerfile', () => {
  it('is multi-stage: node:22-bookworm-slim builds with npm ci and tsc', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const build = stage('build');
    expect(build.from).toBe('node:22-bookworm-slim');
    const runs = instructions(build, 'RUN').join('\n');
    expect(runs).toMatch(/\bnpm ci\b/);
    expect(runs).toMatch(/\bnpx tsc -b\b/);
  });

  it('runs dist/workers/main.js, where tsc puts workers/main.ts, under tini', () => {
    const tsconfig = JSON.parse(readFileSync(new URL('tsconfig.json', root), 'utf8')) as {
      compilerOptions: { outDir: string; rootDir: string };
    };
    expect(tsconfig.compilerOptions).toMatchObject({ outDir: 'dist', rootDir: '.' });
    expect(JSON.parse(instructions(runtime, 'CMD').at(-1)!)).toEqual(['node', `${tsconfig.compilerOptions.outDir}/workers/main.js`]);
    expect(JSON.parse(instructions(runtime, 'ENTRYPOINT').at(-1)!)).toEqual(['/usr/bin/tini', '--']);
    expect(copiedFrom(runtime, './dist/workers')).toBe('build');
  });

  it('copies the worker\'s package.json into the runtime, because dist/ is ESM ("type": "module")', () => {
    const pkg = JSON.parse(readFileSync(new URL('workers/package.json', root), 'utf8')) as { type?: string };
    expect(pkg.type).toBe('module');
    expect(instructions(runtime, 'COPY')).toContain('workers/package.json ./');
  });

  it('ships production dependencies only, installed on the same base image as the runtime', () => {
    const from = copiedFrom(runtime, './node_modules');
    expect(from).toBeDefined();
    const deps = stage(from!);
    expect(deps.from).toBe(runtime.from);
    const installs = instructions(deps, 'RUN').filter((r) => /\bnpm (ci|install|i)\b/.test(r));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/\bnpm ci\b.*--omit=dev/);
    // No npm run in the runtime stage, and nothing copied from the host but the worker's package.json.
    expect(instructions(runtime, 'RUN').join('\n')).not.toMatch(/\bnpm\b/);
    expect(instructions(runtime, 'COPY').filter((c) => !c.startsWith('--from='))).toEqual(['workers/package.json ./']);
  });

  it('runs as a non-root user, set before the CMD', () => {
    const users = instructions(runtime, 'USER');
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const keywords = runtime.instructions.map((i) => i.keyword);
    expect(keywords.lastIndexOf('USER')).toBeLessThan(keywords.lastIndexOf('CMD'));
  });

  it("installs Debian's ffmpeg and points the worker at it; the GPU's video engines are requested", () => {
    expect(instructions(runtime, 'RUN').join('\n')).toMatch(/apt-get install [^\n]*\bffmpeg\b/);
    const vars = runtime.env;
    expect(vars.get('FFMPEG_PATH')).toBe('/usr/bin/ffmpeg');
    expect(vars.get('FFPROBE_PATH')).toBe('/usr/bin/ffprobe');
    expect(vars.get('NVIDIA_DRIVER_CAPABILITIES')?.split(',').sort()).toEqual(['compute', 'utility', 'video']);
    expect(vars.get('NODE_ENV')).toBe('production');
  });

  it('has a HEALTHCHECK on the worker heartbeat file it declares', () => {
    const [check] = instructions(runtime, 'HEALTHCHECK');
    expect(check).toMatch(/CMD \["node", "-e", .*NEWSDESK_WORKER_HEARTBEAT_FILE/);
    expect(runtime.env.get('NEWSDESK_WORKER_HEARTBEAT_FILE')).toMatch(/^\/tmp\//);
  });
});
