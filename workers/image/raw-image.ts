/** Decoded, auto-oriented sRGB pixels (3 or 4 channels) that the derived outputs are computed from. */
export interface RawImage {
  data: Buffer;
  info: { width: number; height: number; channels: 3 | 4 };
}
