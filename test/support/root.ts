import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: where dist/, test/fixtures/ and the templates lie. The nearest folder with a package.json, so
 * that it is the same whether this runs from source (tests) or from dist/test/support (benchmarks).
 */
export const ROOT = ((): string => {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();
