import sharp from 'sharp';
import { perceptualHash } from './perceptual-hash.js';

/**
 * The perceptual hash of an encoded image (a video's poster), taken like a photo's: auto-oriented sRGB pixels at
 * most 320 px on the longest side, so a still of a clip and the clip's poster compare by the same measure.
 */
export async function hashEncodedImage(bytes: Buffer): Promise<string> {
  const { data, info } = await sharp(bytes)
    .rotate()
    .resize(320, 320, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return perceptualHash({ data, info: { width: info.width, height: info.height, channels: 3 } });
}
