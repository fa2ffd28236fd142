import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { DecodedImage } from '../models/vision-models.js';
import { smartCrops } from './smart-crops.js';

const grey = async (width: number, height: number): Promise<DecodedImage> => {
  const { data, info } = await sharp({ create: { width, height, channels: 3, background: '#808080' } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};
const person = (x: number, y: number, w: number, h: number, score = 0.9) => ({ box: { x, y, w, h }, score });

describe('smartCrops', () => {
  it('keeps the detected person in a square crop of a wide picture', async () => {
    const [crop] = await smartCrops(await grey(400, 200), { width: 400, height: 200 }, [1], [person(300, 40, 60, 150)]);
    expect(crop).toEqual({ aspectRatio: 1, boundingBox: { x: 200, y: 0, w: 200, h: 200 } });
  });

  it('keeps the most of the surest regions when not all fit', async () => {
    const regions = [person(0, 0, 80, 200, 0.4), person(300, 0, 80, 200, 0.95), person(330, 0, 60, 200, 0.9)];
    const [crop] = await smartCrops(await grey(400, 200), { width: 400, height: 200 }, [0.75], regions);
    // 240–390 keeps both sure ones whole; of the placements that do, it is the nearest to the regions' weighted centre.
    expect(crop!.boundingBox).toEqual({ x: 240, y: 0, w: 150, h: 200 });
  });

  it('answers every ratio asked, in the picture frame when the models saw a smaller image', async () => {
    const crops = await smartCrops(await grey(400, 200), { width: 800, height: 400 }, [0.75, 1.8], [person(10, 10, 50, 100)]);
    expect(crops).toEqual([
      { aspectRatio: 0.75, boundingBox: { x: 0, y: 0, w: 300, h: 400 } },
      { aspectRatio: 1.8, boundingBox: { x: 0, y: 0, w: 720, h: 400 } },
    ]);
  });

  it('crops vertically too: a wide crop of a tall picture', async () => {
    const [crop] = await smartCrops(await grey(200, 400), { width: 200, height: 400 }, [1.8], [person(20, 300, 100, 80)]);
    expect(crop!.boundingBox).toMatchObject({ x: 0, w: 200, h: 111 });
    expect(crop!.boundingBox.y).toBeGreaterThanOrEqual(269);
    expect(crop!.boundingBox.y + crop!.boundingBox.h).toBeLessThanOrEqual(400);
  });

  it('with nothing detected, still places a crop of the ratio inside the picture', async () => {
    const [crop] = await smartCrops(await grey(400, 200), { width: 400, height: 200 }, [1], []);
    expect(crop!.boundingBox).toMatchObject({ y: 0, w: 200, h: 200 });
    expect(crop!.boundingBox.x).toBeGreaterThanOrEqual(0);
    expect(crop!.boundingBox.x + crop!.boundingBox.w).toBeLessThanOrEqual(400);
  });

  it("without ratios: the picture's own ratio within 0.5–2.0, so the whole of a 2:1 picture", async () => {
    expect(await smartCrops(await grey(400, 200), { width: 400, height: 200 }, undefined, [])).toEqual([
      { aspectRatio: 2, boundingBox: { x: 0, y: 0, w: 400, h: 200 } },
    ]);
    const [narrowest] = await smartCrops(await grey(100, 400), { width: 100, height: 400 }, undefined, [person(0, 0, 100, 100)]);
    expect(narrowest).toEqual({ aspectRatio: 0.5, boundingBox: { x: 0, y: 0, w: 100, h: 200 } });
  });
});
