/**
 * A path glob as a RegExp over forward-slash paths: `**` spans folders, `*` stays within one, `**\/` may be empty.
 * Enough for the lint rules' options; no braces or character classes.
 */
export function globRegExp(glob) {
  const source = glob
    .split(/(\*\*\/|\*\*|\*)/)
    .map((part) => {
      if (part === '**/') return '(?:.*/)?';
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      return part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`);
}
