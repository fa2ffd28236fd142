import type { Box, Point } from '../models/vision-models.js';

/**
 * Maps coordinates from the image the models saw (scaled to fit the analysis size) onto the picture's own size, the
 * frame Azure reports boxes in: whole pixels, and never outside the picture (x + w ≤ width, y + h ≤ height).
 */
export interface Frame {
  box(box: Box): Box;
  point(point: Point): Point;
}

export function frame(seen: { width: number; height: number }, picture: { width: number; height: number }): Frame {
  const sx = picture.width / seen.width;
  const sy = picture.height / seen.height;
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, Number.isFinite(value) ? value : 0));
  return {
    box: ({ x, y, w, h }) => {
      const left = Math.floor(clamp(x * sx, picture.width));
      const top = Math.floor(clamp(y * sy, picture.height));
      const right = Math.ceil(clamp((x + w) * sx, picture.width));
      const bottom = Math.ceil(clamp((y + h) * sy, picture.height));
      return { x: left, y: top, w: Math.max(0, right - left), h: Math.max(0, bottom - top) };
    },
    point: ({ x, y }) => ({ x: Math.round(clamp(x * sx, picture.width)), y: Math.round(clamp(y * sy, picture.height)) }),
  };
}

/** A model's score as Azure's confidence: 0–1, rounded to 4 places (no float noise in the JSON), NaN as 0. */
export const confidence = (score: number): number => (Number.isFinite(score) ? Math.round(Math.min(1, Math.max(0, score)) * 1e4) / 1e4 : 0);
