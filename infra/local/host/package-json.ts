import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The platform package's own package.json, whether this module runs from source (tests) or from
 * dist/: an app folder without its own `@azure/functions` or `durable-functions` resolves them
 * from here, that is from the packages installed beside the platform.
 */
export function platformPackageJson(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('The local platform is not inside a package: no package.json above it.');
    dir = parent;
  }
  return join(dir, 'package.json');
}
