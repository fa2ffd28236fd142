/** The formats Azure accepts that this service decodes (Azure also takes BMP, ICO and MPO; MPO is JPEG here). */
export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff';

/**
 * The format the first bytes say, or undefined. Checked before any decoder sees the bytes, so that only these formats'
 * decoders are ever reached (no SVG renderer, no PDF or RAW loader from the same library).
 */
export function sniffFormat(bytes: Buffer): ImageFormat | undefined {
  const starts = (...signature: number[]) => signature.every((b, i) => bytes[i] === b);
  if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (bytes.subarray(0, 6).toString('latin1') === 'GIF87a' || bytes.subarray(0, 6).toString('latin1') === 'GIF89a') return 'gif';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  return undefined;
}
