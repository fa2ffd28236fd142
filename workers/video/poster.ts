import sharp from 'sharp';
import type { VideoImage, VideoKeyframe } from './types.js';

/**
 * The poster frame: the first keyframe at or after 10% of the duration (an opening frame is often
 * black, a slate or a fade-in), else the first keyframe. A WebP at the keyframe's size (≤ 1280 px).
 */
export async function makePoster(
  keyframes: readonly VideoKeyframe[],
  durationSeconds: number,
): Promise<VideoImage & { timestampSeconds: number }> {
  const frame = keyframes.find((k) => k.timestampSeconds >= 0.1 * durationSeconds) ?? keyframes[0];
  if (!frame) throw new Error('a poster needs at least one keyframe');
  const { data, info } = await sharp(frame.jpeg).webp({ quality: 80 }).toBuffer({ resolveWithObject: true });
  return { webp: data, width: info.width, height: info.height, timestampSeconds: frame.timestampSeconds };
}
