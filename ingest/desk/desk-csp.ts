/**
 * The desk's Content-Security-Policy: everything from the app's own origin (no CDN), except the pictures it shows
 * and the blocks it uploads, which go straight to Blob Storage through SAS URLs. `blob:` images are previews of
 * files the editor dropped (object URLs only the page's own script can make); `data:` covers inlined small icons.
 */
export function deskCsp(blobOrigins: readonly string[]): string {
  const blobs = blobOrigins.join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${blobs}`.trim(),
    `media-src 'self' blob: ${blobs}`.trim(),
    `connect-src 'self' ${blobs}`.trim(),
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
