import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The desk's JavaScript as a browser downloads it: every .js file the build wrote under `dir`/assets, each gzipped at
 * the level servers commonly use (9 would flatter the number).
 * @param {string} dir the build's output folder (dist/desk)
 * @returns {{ files: { name: string, bytes: number, gzipped: number }[], gzipped: number }}
 */
export function gzippedJsSize(dir) {
  const assets = join(dir, 'assets');
  const files = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => {
      const content = readFileSync(join(assets, name));
      return { name, bytes: content.length, gzipped: gzipSync(content, { level: 6 }).length };
    });
  return { files, gzipped: files.reduce((sum, f) => sum + f.gzipped, 0) };
}
