/** The contract's limit on `attachments[].name`. */
const MAX_NAME = 255;
// C0 controls, DEL and the bidi overrides that can disguise an extension ("gpj.exe" shown as "exe.jpg").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The file name an attachment is stored under: the basename of what the sender's client wrote
 * (clients send "C:\Users\x\photo.jpg" or "../../etc/passwd"), without control characters, at most
 * 255 characters with the extension kept. `undefined` when nothing usable is left.
 */
export function attachmentName(filename: string | undefined): string | undefined {
  if (filename === undefined) return undefined;
  const base = filename.replace(UNSAFE, '').split(/[/\\]/).pop()?.trim() ?? '';
  if (base === '' || base === '.' || base === '..') return undefined;
  return shorten(base);
}

/** Extensions whose subtype does not say them; the ingest sniffs the real type anyway, so this is cosmetic. */
const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'video/quicktime': 'mov', 'text/plain': 'txt', 'message/rfc822': 'eml' };

/** A name for a file attachment that came without one: `attachment-2.png` from `image/png`. */
export function fallbackName(index: number, contentType: string | undefined): string {
  const type = (contentType ?? '').toLowerCase();
  const ext = EXTENSIONS[type] ?? /^(?:image|video|audio|application)\/([a-z0-9]+)$/.exec(type)?.[1];
  return `attachment-${index + 1}${ext ? `.${ext}` : ''}`;
}

function shorten(name: string): string {
  if (name.length <= MAX_NAME) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 16 ? name.slice(dot) : '';
  // Cut whole code points so a surrogate pair is never split.
  const stem = Array.from(name.slice(0, name.length - ext.length));
  while (stem.join('').length + ext.length > MAX_NAME) stem.pop();
  return stem.join('') + ext;
}
