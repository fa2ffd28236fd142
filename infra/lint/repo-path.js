import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** `file` relative to `root` with forward slashes, or undefined when it lies outside `root`. */
export function repoPath(root, file) {
  const path = relative(root, file);
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return undefined;
  return path.split(sep).join('/');
}

/**
 * Where a relative `specifier` in `importer` points, relative to `root`; undefined for a package name or a target
 * outside `root`. No file system access: `../lib/x.js` is `lib/x.js` whether or not it exists yet.
 */
export function importTarget(root, importer, specifier) {
  if (!/^\.\.?(\/|$)/.test(specifier)) return undefined;
  return repoPath(root, resolve(dirname(importer), specifier));
}
