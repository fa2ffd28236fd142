import sharp, { type ResizeOptions, type Sharp } from 'sharp';
import type { DecodedImage } from './vision-models.js';

/** A sharp pipeline over the decoded pixels (libvips resamples with proper anti-aliasing, off the main thread). */
export const rawImage = (image: DecodedImage): Sharp =>
  sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });

/** The pixels resized as sharp's `resize(width, height, options)` does, as a new DecodedImage. */
export async function resizeRaw(image: DecodedImage, width: number, height: number, options: ResizeOptions): Promise<DecodedImage> {
  const { data, info } = await rawImage(image).resize(width, height, options).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** The pixels scaled to fit `maxSide` (never enlarged), as a new DecodedImage. */
export async function fitWithin(image: DecodedImage, maxSide: number): Promise<DecodedImage> {
  if (Math.max(image.width, image.height) <= maxSide) return image;
  return resizeRaw(image, maxSide, maxSide, { fit: 'inside' });
}
