import { describe, expect, it } from 'vitest';
import { dbBoxes } from './db-boxes.js';

const OPTIONS = { threshold: 0.3, boxThreshold: 0.5, unclipRatio: 2, minSide: 5 };

/** A 40×20 map with the given rectangles filled with a probability. */
function map(rects: { x: number; y: number; w: number; h: number; p: number }[]) {
  const width = 40;
  const height = 20;
  const data = new Float32Array(width * height);
  for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) data[y * width + x] = r.p;
  return { data, width, height };
}

describe('dbBoxes', () => {
  it('turns each connected region into its box, grown by area × ratio / perimeter', () => {
    const boxes = dbBoxes(map([{ x: 2, y: 4, w: 10, h: 4, p: 0.9 }]), OPTIONS);
    // 10×4: grown by 10·4·2 / (2·14) = 2.857 on every side.
    expect(boxes).toHaveLength(1);
    expect(boxes[0]?.score).toBeCloseTo(0.9, 5);
    expect(boxes[0]?.box.x).toBeCloseTo(2 - 40 / 14, 5);
    expect(boxes[0]?.box.w).toBeCloseTo(10 + 80 / 14, 5);
  });

  it('keeps regions apart, and drops weak and tiny ones', () => {
    const boxes = dbBoxes(
      map([
        { x: 1, y: 1, w: 8, h: 3, p: 0.8 },
        { x: 20, y: 1, w: 8, h: 3, p: 0.8 },
        { x: 1, y: 10, w: 8, h: 3, p: 0.4 },
        { x: 30, y: 15, w: 1, h: 1, p: 0.9 },
      ]),
      OPTIONS,
    );
    expect(boxes.map(({ box }) => Math.round(box.x + box.w / 2))).toEqual([5, 24]);
  });
});
