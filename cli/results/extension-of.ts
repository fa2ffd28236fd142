const EXTENSIONS: Record<string, string> = {
  'application/json': '.json',
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/tiff': '.tiff',
  'image/heic': '.heic',
  'video/mp4': '.mp4',
  'video/quicktime': '.mov',
  'video/webm': '.webm',
  'video/x-matroska': '.mkv',
  'video/mp2t': '.ts',
  'video/x-msvideo': '.avi',
};

/** A saved asset's file extension from the type storage answered with; none for a type not listed. */
export function extensionOf(contentType: string | null): string {
  return EXTENSIONS[(contentType ?? '').split(';')[0]!.trim().toLowerCase()] ?? '';
}
