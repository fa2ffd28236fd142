import sharp, { type Metadata } from 'sharp';
import { imageAnalysisErrors } from '../errors.js';
import type { DecodedImage } from '../models/vision-models.js';
import { sniffFormat } from './sniff-format.js';

export interface DecodeLimits {
  maxBytes: number;
  /** Refused before decoding above this many pixels (sharp's limitInputPixels guards the decoder as well). */
  maxPixels: number;
  /** The models see the image scaled down to this long side at most; boxes are scaled back by the caller. */
  maxSide: number;
}

export interface Decoded {
  /** The picture's size as displayed (EXIF orientation applied): what `metadata` reports, the frame of every box. */
  width: number;
  height: number;
  /** What the models see: auto-oriented sRGB, 3 channels, scaled to fit `maxSide`. */
  image: DecodedImage;
}

/** Azure's image dimension limits, per side. */
const SIDE = { min: 50, max: 16_000 };

/**
 * Checks an upload as Azure does, in its order (bytes, format, dimensions), then decodes it. The header is read first
 * (sharp's metadata, no pixels), so a decompression bomb (a small file claiming 60000×60000) is refused by its
 * dimensions before any decoding; `failOn: 'truncated'` refuses a cut-off file instead of analysing its grey rest.
 */
export async function decodeImage(bytes: Buffer, limits: DecodeLimits): Promise<Decoded> {
  if (bytes.length === 0 || bytes.length > limits.maxBytes) throw imageAnalysisErrors.imageBytes(limits.maxBytes);
  const format = sniffFormat(bytes);
  if (format === undefined) throw imageAnalysisErrors.imageFormat();

  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw imageAnalysisErrors.imageFormat();
  }
  const { width, height } = metadata;
  // The header must be the format the magic bytes said.
  if (!width || !height || metadata.format !== format) throw imageAnalysisErrors.imageFormat();
  if (Math.min(width, height) < SIDE.min || Math.max(width, height) > SIDE.max) throw imageAnalysisErrors.imageDimensions();
  if (width * height > limits.maxPixels) throw imageAnalysisErrors.imagePixels(width * height, limits.maxPixels);

  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: limits.maxPixels, failOn: 'truncated', sequentialRead: true })
      .autoOrient()
      .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
      // Transparent areas become white, as they show on a page; the models take 3 channels.
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    const oriented = metadata.autoOrient;
    return { width: oriented.width, height: oriented.height, image: { data, width: info.width, height: info.height } };
  } catch {
    // Truncated, corrupt past its header, or over the pixel limit after all: the bytes are not a usable image.
    throw imageAnalysisErrors.imageFormat();
  }
}
