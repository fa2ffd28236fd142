import sharp from 'sharp';
import type { VideoImage, VideoKeyframe } from './types.js';

const COLUMNS = 4;
const TILE_WIDTH = 320;

/**
 * The keyframes in time order on one WebP, 4 to a row, each 320 px wide; the tile height follows the
 * first keyframe's aspect ratio, and a frame of another shape is letterboxed into it.
 */
export async function makeContactSheet(keyframes: readonly VideoKeyframe[]): Promise<VideoImage & { columns: number; rows: number }> {
  const first = keyframes[0];
  if (!first) throw new Error('a contact sheet needs at least one keyframe');
  const columns = Math.min(COLUMNS, keyframes.length);
  const rows = Math.ceil(keyframes.length / COLUMNS);
  const tileHeight = Math.max(1, Math.round((TILE_WIDTH * first.height) / first.width));
  const tiles = await Promise.all(
    keyframes.map((k) =>
      sharp(k.jpeg)
        .resize(TILE_WIDTH, tileHeight, { fit: 'contain', background: '#000' })
        .removeAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true }),
    ),
  );
  const { data, info } = await sharp({
    create: { width: columns * TILE_WIDTH, height: rows * tileHeight, channels: 3, background: '#000' },
  })
    .composite(
      tiles.map((tile, i) => ({
        input: tile.data,
        raw: { width: tile.info.width, height: tile.info.height, channels: tile.info.channels },
        left: (i % COLUMNS) * TILE_WIDTH,
        top: Math.floor(i / COLUMNS) * tileHeight,
      })),
    )
    .webp({ quality: 75 })
    .toBuffer({ resolveWithObject: true });
  return { webp: data, width: info.width, height: info.height, columns, rows };
}
