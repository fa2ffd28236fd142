import type { Box } from './vision-models.js';

/** A DB (differentiable binarisation) probability map: one text probability per pixel of the detector's input. */
export interface ProbabilityMap {
  data: Float32Array;
  width: number;
  height: number;
}

export interface DbOptions {
  /** A pixel is text when its probability is above this (PaddleOCR's det_db_thresh). */
  threshold: number;
  /** A region is kept when the mean probability inside its box is at least this (det_db_box_thresh). */
  boxThreshold: number;
  /** The shrunk text kernel is grown back by area × ratio / perimeter on each side (det_db_unclip_ratio). */
  unclipRatio: number;
  /** Regions whose shorter side, grown, is under this many map pixels are dropped (PaddleOCR: min_size 3, + 2). */
  minSide: number;
}

/**
 * Text regions of a DB probability map: the pixels above `threshold`, grouped into 8-connected regions, each turned
 * into its bounding box, scored by the mean probability inside it, and grown by the unclip distance (DB predicts a
 * shrunk kernel of each text line). Boxes are axis-aligned, in map pixels; PaddleOCR fits rotated rectangles
 * instead, which only matters for text tilted more than a few degrees.
 */
export function dbBoxes(map: ProbabilityMap, options: DbOptions): { box: Box; score: number }[] {
  const { data, width, height } = map;
  const seen = new Uint8Array(width * height);
  const stack = new Int32Array(width * height);
  const regions: { box: Box; score: number }[] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || (data[start] ?? 0) <= options.threshold) continue;
    let minX = width;
    let minY = height;
    let maxX = -1;
    let maxY = -1;
    let top = 0;
    stack[top++] = start;
    seen[start] = 1;
    while (top > 0) {
      const at = stack[--top] ?? 0;
      const x = at % width;
      const y = (at - x) / width;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (seen[next] || (data[next] ?? 0) <= options.threshold) continue;
          seen[next] = 1;
          stack[top++] = next;
        }
      }
    }
    const w = maxX - minX + 1;
    const h = maxY - minY + 1;
    const score = meanInside(map, minX, minY, maxX, maxY);
    if (score < options.boxThreshold) continue;
    const grow = (w * h * options.unclipRatio) / (2 * (w + h));
    if (Math.min(w, h) + 2 * grow < options.minSide) continue;
    regions.push({ box: { x: minX - grow, y: minY - grow, w: w + 2 * grow, h: h + 2 * grow }, score });
  }
  return regions;
}

function meanInside(map: ProbabilityMap, x0: number, y0: number, x1: number, y1: number): number {
  let sum = 0;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) sum += map.data[y * map.width + x] ?? 0;
  }
  return sum / ((x1 - x0 + 1) * (y1 - y0 + 1));
}
