import { resolve, sep } from 'node:path';

// A Vite build's names: letters, digits, `-`, `_`, `.`; no hidden files, no `..`.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/**
 * The file under `root` that a request's catch-all path names, or undefined when the path could lead anywhere else
 * (`..`, an encoded slash or backslash, a hidden file): those are answered like any unknown file.
 */
export function deskFilePath(root: string, path: string): string | undefined {
  const segments = path.split('/');
  if (segments.some((s) => !SEGMENT.test(s))) return undefined;
  const file = resolve(root, ...segments);
  return file.startsWith(resolve(root) + sep) ? file : undefined;
}
