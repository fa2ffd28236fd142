import type { Box } from './vision-models.js';

export const boxArea = (b: Box): number => Math.max(0, b.w) * Math.max(0, b.h);

export function intersectionArea(a: Box, b: Box): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

export function iou(a: Box, b: Box): number {
  const inter = intersectionArea(a, b);
  return inter === 0 ? 0 : inter / (boxArea(a) + boxArea(b) - inter);
}

/** How much of `inner` lies inside `outer`, 0–1. */
export const coverage = (inner: Box, outer: Box): number => (boxArea(inner) === 0 ? 0 : intersectionArea(inner, outer) / boxArea(inner));

/** Rounds to whole pixels and clips to the image. */
export function clipBox(x0: number, y0: number, x1: number, y1: number, width: number, height: number): Box {
  const left = Math.round(Math.min(Math.max(x0, 0), width));
  const top = Math.round(Math.min(Math.max(y0, 0), height));
  const right = Math.round(Math.min(Math.max(x1, 0), width));
  const bottom = Math.round(Math.min(Math.max(y1, 0), height));
  return { x: left, y: top, w: Math.max(0, right - left), h: Math.max(0, bottom - top) };
}
