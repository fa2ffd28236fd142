/** Longest name accepted, in UTF-8 bytes: what common file systems and blob metadata allow. */
export const maxFilenameBytes = 255;

/**
 * What is wrong with a client's file name, or undefined when it is acceptable. The name is kept
 * (for the client's records and the summary) but never used as a path, so anything that could be
 * read as one is refused rather than silently cut to a base name.
 */
export function checkFilename(name: string): string | undefined {
  if (name.length === 0) return 'the name is empty';
  if (/[/\\]/.test(name)) return 'the name contains a path separator';
  // With separators refused, only a whole name of "." or ".." could still be read as a path
  // segment; dots inside a name ("a..b.jpg") are ordinary characters.
  if (name === '.' || name === '..') return `the name is "${name}"`;
  if (/\p{Cc}/u.test(name)) return 'the name contains a control character';
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > maxFilenameBytes) return `the name is ${bytes} bytes long (at most ${maxFilenameBytes})`;
  return undefined;
}
