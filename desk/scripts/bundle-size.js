import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * The desk's assets of one kind as a browser downloads them: every file the build wrote under `dir`/assets whose name
 * ends with `extension`, each gzipped at the level servers commonly use (9 would flatter the number).
 * @param {string} dir the build's output folder (dist/desk)
 * @param {string} extension '.js' or '.css'
 * @returns {{ files: { name: string, bytes: number, gzipped: number }[], gzipped: number }}
 */
export function gzippedAssetSize(dir, extension) {
  const assets = join(dir, 'assets');
  const files = readdirSync(assets)
    .filter((name) => name.endsWith(extension))
    .map((name) => {
      const content = readFileSync(join(assets, name));
      return { name, bytes: content.length, gzipped: gzipSync(content, { level: 6 }).length };
    });
  return { files, gzipped: files.reduce((sum, f) => sum + f.gzipped, 0) };
}

/**
 * The desk's JavaScript, gzipped: what the 200 KB budget counts.
 * @param {string} dir the build's output folder (dist/desk)
 */
export const gzippedJsSize = (dir) => gzippedAssetSize(dir, '.js');
