import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockfileClosure, type Lockfile } from '../support/images/lockfile-closure.js';
import { packageImports } from '../support/images/package-imports.js';
import { ROOT } from '../support/root.js';

// What leaves this machine: the images' build context (.dockerignore), the function app's package (.funcignore),
// and what git keeps (.gitignore: azd's .azure/<env>/.env holds secrets).
const lines = (file: string) =>
  readFileSync(`${ROOT}/${file}`, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

describe('ignore files', () => {
  it('keep host state and secrets out of the image build context', () => {
    expect(lines('.dockerignore')).toEqual(
      expect.arrayContaining(['.git', '**/node_modules', '.data', '.azure', 'test-artifacts', '**/.env', '**/local.settings.json']),
    );
  });

  it('keep local state, tests and the local-only packages out of the function app, but nothing it loads', () => {
    const ignored = lines('.funcignore');
    expect(ignored).toEqual(
      expect.arrayContaining(['.data', '.azure', 'test', 'infra/local', 'node_modules/azurite', 'node_modules/better-sqlite3']),
    );
    const lock = JSON.parse(readFileSync(`${ROOT}/package-lock.json`, 'utf8')) as Lockfile;
    const { packages } = packageImports([`${ROOT}/dist/app/index.js`], ROOT);
    const closure = lockfileClosure(lock, [...packages.keys()]);
    expect(closure.filter((path) => ignored.includes(path))).toEqual([]);
  });

  it('keep azd environments out of git', () => {
    expect(lines('.gitignore')).toContain('.azure/');
  });
});
