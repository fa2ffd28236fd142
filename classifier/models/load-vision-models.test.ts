import * as tf from '@tensorflow/tfjs-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DETECTORS, loadVisionModels } from './load-vision-models.js';
import type { DecodedImage, Detections, Detector, VisionModels } from './vision-models.js';
import { fixturePath } from '../../test/support/fixtures.js';

// Quality on the shared fixtures (test/fixtures/MANIFEST.md), with the real offline models. Pictures are decoded as
// the service decodes them: auto-oriented sRGB, long side at most 2048 (its default).
const MAX_SIDE = 2048;
const ALL = new Set<Detector>(DEFAULT_DETECTORS);

async function decode(name: string): Promise<DecodedImage> {
  const { data, info } = await sharp(fixturePath(name))
    .rotate()
    .removeAlpha()
    .toColourspace('srgb')
    .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/**
 * No fixture landscape decodes here (the seashore is a HEVC HEIC, which this libvips cannot decode), so a drawn one
 * stands in: a sky gradient, a wavy sea and a beach, with deterministic noise.
 */
function syntheticSeashore(width = 1600, height = 1000): DecodedImage {
  const data = Buffer.alloc(width * height * 3);
  let seed = 1;
  const noise = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff - 0.5) * 18;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (y < height * 0.45) {
        const t = y / (height * 0.45);
        rgb = [120 + 100 * t, 160 + 70 * t, 230 - 10 * t];
      } else if (y < height * 0.8) {
        const t = (y - height * 0.45) / (height * 0.35);
        const wave = 12 * Math.sin(x / 23 + y / 7) + 8 * Math.sin(x / 61 - y / 3);
        rgb = [20 + 30 * t + wave, 70 + 40 * t + wave, 120 + 40 * t + wave];
      } else {
        const t = (y - height * 0.8) / (height * 0.2);
        rgb = [200 + 20 * t, 180 + 15 * t, 140 + 10 * t];
      }
      const n = noise();
      rgb.forEach((value, c) => (data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(value + n)))));
    }
  }
  return { data, width, height };
}

const PHOTOS = [
  'runners-race.jpg',
  'astronaut-eileen-collins.png',
  'riot-police-bw.jpg',
  'cat-chelsea.png',
  'police-cars.jpg',
  'dog-bicycle-truck.jpg',
  'highway-signs-fog.jpg',
  'squirrel-exif-iptc.jpg',
];
const LANDSCAPE = 'synthetic seashore';

let models: VisionModels;
const images = new Map<string, DecodedImage>();
const results = new Map<string, Detections>();
const detected = (name: string): Detections => {
  const result = results.get(name);
  if (!result) throw new Error(`no detections for ${name}`);
  return result;
};
const labels = (name: string) => (detected(name).objects ?? []).map((o) => o.label);
/** Upper-case tokens of everything read: "CARS/RV" gives CARS and RV. */
const wordsRead = (name: string) =>
  new Set((detected(name).text?.lines ?? []).flatMap((line) => line.text.toUpperCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean));

beforeAll(async () => {
  models = await loadVisionModels();
  for (const name of PHOTOS) images.set(name, await decode(name));
  images.set(LANDSCAPE, syntheticSeashore());
  // Every detector on every picture once, as the service asks; the tests below look at the answers.
  for (const [name, image] of images) results.set(name, await models.detect(image, ALL));
  // About 15 s alone; several times that while the integration suites share the two cores.
}, 180_000);

afterAll(async () => {
  await models?.close();
});

describe('loadVisionModels', () => {
  it('loads every default detector and names the model set after human', () => {
    expect([...models.detectors].sort()).toEqual([...DEFAULT_DETECTORS].sort());
    expect(models.modelVersion).toMatch(/^newsdesk-3\.3\.6-\d{4}-\d{2}-\d{2}$/);
  });

  it.each([
    ['runners-race.jpg', 8],
    ['astronaut-eileen-collins.png', 1],
    ['riot-police-bw.jpg', 5],
  ])('finds people in %s (at least %i)', (name, atLeast) => {
    expect(detected(name).people?.length).toBeGreaterThanOrEqual(atLeast);
  });

  it.each(['police-cars.jpg', 'dog-bicycle-truck.jpg', 'squirrel-exif-iptc.jpg', 'cat-chelsea.png', LANDSCAPE])(
    'finds no person in %s',
    (name) => {
      expect(detected(name).people).toEqual([]);
      expect(labels(name)).not.toContain('person');
    },
  );

  it('names the cat a cat (and not a dog)', () => {
    expect(labels('cat-chelsea.png')).toEqual(['cat']);
    const [cat] = detected('cat-chelsea.png').objects ?? [];
    // The cat fills the picture (451×300).
    expect(cat?.box.w).toBeGreaterThan(300);
    expect(cat?.box.h).toBeGreaterThan(250);
  });

  it('finds the vehicles', () => {
    expect(labels('police-cars.jpg').filter((l) => l === 'car' || l === 'truck')).toHaveLength(2);
    expect(labels('dog-bicycle-truck.jpg')).toEqual(expect.arrayContaining(['bicycle', 'dog']));
    expect(labels('dog-bicycle-truck.jpg').some((l) => l === 'car' || l === 'truck')).toBe(true);
  });

  it('reads the words of photographed signs', () => {
    const gantry = ['CARS', 'TRUCKS', 'ONLY', 'BUSES'].filter((word) => wordsRead('highway-signs-fog.jpg').has(word));
    expect(gantry.length).toBeGreaterThanOrEqual(2);
    expect(wordsRead('police-cars.jpg')).toContain('POLICE');
    expect([...wordsRead('riot-police-bw.jpg')]).toEqual(expect.arrayContaining(['ONE', 'WAY']));
  });

  // Tesseract's two passes read none of these (bench/ocr-quality-before.json); PaddleOCR reads them all.
  it('reads race bibs, car numbers and house numbers', () => {
    expect([...wordsRead('runners-race.jpg')]).toEqual(expect.arrayContaining(['308', '365']));
    expect([...wordsRead('police-cars.jpg')]).toEqual(expect.arrayContaining(['2687', 'REWARD']));
    expect([...wordsRead('riot-police-bw.jpg')]).toEqual(expect.arrayContaining(['1201', '45']));
    expect([...wordsRead('highway-signs-fog.jpg')]).toEqual(expect.arrayContaining(['CARS', 'NEXUS', 'FAST', 'BUSES', 'TRUCKS', 'ONLY']));
  });

  it('reads no words where there is no text', () => {
    for (const name of ['cat-chelsea.png', 'astronaut-eileen-collins.png', 'dog-bicycle-truck.jpg', 'squirrel-exif-iptc.jpg', LANDSCAPE]) {
      expect({ name, lines: detected(name).text?.lines }).toEqual({ name, lines: [] });
    }
  });

  it('gives OCR words and lines with 0–1 confidences and polygons inside the picture', () => {
    const image = images.get('highway-signs-fog.jpg');
    for (const line of detected('highway-signs-fog.jpg').text?.lines ?? []) {
      expect(line.polygon).toHaveLength(4);
      expect(line.text).toBe(line.words.map((w) => w.text).join(' '));
      for (const word of line.words) {
        expect(word.confidence).toBeGreaterThanOrEqual(0.9);
        expect(word.confidence).toBeLessThanOrEqual(1);
        for (const p of word.polygon) {
          expect(p.x).toBeGreaterThanOrEqual(0);
          expect(p.x).toBeLessThanOrEqual(image?.width ?? 0);
          expect(p.y).toBeLessThanOrEqual(image?.height ?? 0);
        }
      }
    }
  });

  it('judges every picture Neutral first', () => {
    for (const name of images.keys()) {
      const safety = detected(name).safety ?? {};
      const [top] = Object.entries(safety).sort((a, b) => b[1] - a[1]);
      expect({ name, top: top?.[0] }).toEqual({ name, top: 'Neutral' });
      expect(Object.values(safety).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  });

  it('gives boxes in pixels of the picture', () => {
    for (const [name, image] of images) {
      for (const { box } of [...(detected(name).objects ?? []), ...(detected(name).people ?? [])]) {
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.x + box.w).toBeLessThanOrEqual(image.width);
        expect(box.y + box.h).toBeLessThanOrEqual(image.height);
      }
    }
    // The astronaut's box covers her, most of the 512×512 portrait.
    const [astronaut] = detected('astronaut-eileen-collins.png').people ?? [];
    expect(astronaut?.box.w).toBeGreaterThan(250);
  });

  it('runs only the detectors asked for', async () => {
    const image = images.get('astronaut-eileen-collins.png') as DecodedImage;
    expect(Object.keys(await models.detect(image, new Set(['safety'])))).toEqual(['safety']);
    expect(Object.keys(await models.detect(image, new Set(['people'])))).toEqual(['people']);
  });

  it('leaks no tensors', async () => {
    const image = images.get('astronaut-eileen-collins.png') as DecodedImage;
    const tfDetectors = new Set<Detector>(['objects', 'people', 'safety']);
    await models.detect(image, tfDetectors);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 10; i++) await models.detect(image, tfDetectors);
    expect(tf.memory().numTensors).toBe(before);
  }, 30_000);

  it('gives overlapping calls the answers of one-at-a-time calls', async () => {
    const names = ['cat-chelsea.png', 'runners-race.jpg', 'police-cars.jpg'];
    const overlapping = await Promise.all(names.map((name) => models.detect(images.get(name) as DecodedImage, ALL)));
    expect(overlapping).toEqual(names.map((name) => detected(name)));
  }, 30_000);

  it("rejects with an aborted signal's reason", async () => {
    const reason = new Error('client gone');
    const image = images.get('cat-chelsea.png') as DecodedImage;
    await expect(models.detect(image, ALL, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('refuses pixels that are not width × height × 3', async () => {
    await expect(models.detect({ data: Buffer.alloc(10), width: 4, height: 4 }, ALL)).rejects.toThrow('Expected 4×4 RGB pixels');
  });
});
