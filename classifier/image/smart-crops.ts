import sharp from 'sharp';
import { frame as toFrame } from '../azure-shape/frame.js';
import type { Box, DecodedImage } from '../models/vision-models.js';

export interface SmartCrop {
  aspectRatio: number;
  boundingBox: Box;
}

/** What a crop should keep: detected people and objects, in the analysed image's pixels. */
export interface Region {
  box: Box;
  score: number;
}

/** Azure: "If this parameter is not specified, the service will return one crop region with an aspect ratio it sees fit between 0.5 and 2.0." */
const DEFAULT_RANGE = [0.5, 2] as const;
/** The long side of the crop in the copy libvips searches. */
const SEARCH_SIDE = 256;

/**
 * Azure's smartCrops: for each aspect ratio, the largest crop of that ratio, placed to keep what matters. Where people
 * or objects were detected, the crop keeps as much of them as it can (each weighted by its score); with nothing
 * detected, libvips' attention strategy places it (edges, saturation, skin tones). Without ratios, the picture's own
 * ratio kept within 0.5–2.0 (the whole picture when it is already within).
 */
export async function smartCrops(
  image: DecodedImage,
  picture: { width: number; height: number },
  ratios: number[] | undefined,
  regions: Region[],
): Promise<SmartCrop[]> {
  const own = picture.width / picture.height;
  const wanted = ratios && ratios.length > 0 ? ratios : [Math.min(DEFAULT_RANGE[1], Math.max(DEFAULT_RANGE[0], own))];
  const toPicture = toFrame(image, picture);
  const crops: SmartCrop[] = [];
  for (const ratio of wanted) {
    const w = Math.max(1, Math.min(image.width, Math.round(image.height * ratio)));
    const h = Math.max(1, Math.min(image.height, Math.round(image.width / ratio)));
    let left = 0;
    let top = 0;
    if (w < image.width || h < image.height) {
      ({ left, top } = regions.length > 0 ? keepRegions(image, { w, h }, regions) : await attention(image, { w, h }));
    }
    crops.push({ aspectRatio: Math.round(ratio * 100) / 100, boundingBox: toPicture.box({ x: left, y: top, w, h }) });
  }
  return crops;
}

/**
 * The placement along the free axis that keeps the most of the regions (the sum of score × the share of each region
 * inside), the nearer to the regions' centre on a tie. Candidates: each region's edges against the crop's edges.
 */
function keepRegions(image: DecodedImage, crop: { w: number; h: number }, regions: Region[]): { left: number; top: number } {
  const place = (size: number, span: number, start: (b: Box) => number, extent: (b: Box) => number): number => {
    const room = span - size;
    if (room <= 0) return 0;
    const weight = regions.reduce((s, r) => s + r.score, 0);
    const centre = regions.reduce((s, r) => s + r.score * (start(r.box) + extent(r.box) / 2), 0) / weight;
    const clamp = (v: number) => Math.round(Math.min(room, Math.max(0, v)));
    const candidates = [
      0,
      room,
      clamp(centre - size / 2),
      ...regions.flatMap((r) => [clamp(start(r.box)), clamp(start(r.box) + extent(r.box) - size)]),
    ];
    const kept = (at: number) =>
      regions.reduce((s, r) => {
        const overlap = Math.max(0, Math.min(at + size, start(r.box) + extent(r.box)) - Math.max(at, start(r.box)));
        return s + (r.score * overlap) / Math.max(1, extent(r.box));
      }, 0);
    return candidates.reduce((best, at) => {
      const gain = kept(at) - kept(best);
      return gain > 1e-9 || (Math.abs(gain) <= 1e-9 && Math.abs(at + size / 2 - centre) < Math.abs(best + size / 2 - centre)) ? at : best;
    });
  };
  return {
    left: place(
      crop.w,
      image.width,
      (b) => b.x,
      (b) => b.w,
    ),
    top: place(
      crop.h,
      image.height,
      (b) => b.y,
      (b) => b.h,
    ),
  };
}

/** libvips' attention crop, found on a small copy (fast); its offsets are scaled back to the analysed image. */
async function attention(image: DecodedImage, crop: { w: number; h: number }): Promise<{ left: number; top: number }> {
  const shrink = Math.min(0.5, SEARCH_SIDE / Math.max(crop.w, crop.h));
  const target = { width: Math.max(1, Math.round(crop.w * shrink)), height: Math.max(1, Math.round(crop.h * shrink)) };
  const scale = Math.max(target.width / image.width, target.height / image.height);
  const { info } = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize({ ...target, fit: 'cover', position: 'attention' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    left: Math.min(image.width - crop.w, Math.round(Math.abs(info.cropOffsetLeft ?? 0) / scale)),
    top: Math.min(image.height - crop.h, Math.round(Math.abs(info.cropOffsetTop ?? 0) / scale)),
  };
}
