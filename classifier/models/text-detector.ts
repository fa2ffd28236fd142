import type { InferenceSession } from 'onnxruntime-node';
import { Tensor } from 'onnxruntime-node';
import { clipBox } from './box-geometry.js';
import { dbBoxes, type DbOptions } from './db-boxes.js';
import { DET_NORMALISATION, writePlanes } from './paddle-tensor.js';
import { rawImage } from './raw-image.js';
import type { Box, DecodedImage } from './vision-models.js';

export interface TextDetectorOptions extends DbOptions {
  /** The picture's long side is scaled to at most this before detection (PaddleOCR: det_limit_side_len). */
  maxSide: number;
}

/** The detector's network halves the picture five times: its input sides must be multiples of 32. */
const STRIDE = 32;

/**
 * Text regions found by PaddleOCR's DB detector, as boxes in pixels of `image`, with the detector's mean probability
 * inside each. The picture is scaled (never enlarged) so its long side is at most `maxSide`, each side rounded to a
 * multiple of 32 (the aspect ratio changes by under 32 px, as in PaddleOCR).
 */
export async function detectText(
  session: InferenceSession,
  image: DecodedImage,
  options: TextDetectorOptions,
): Promise<{ box: Box; score: number }[]> {
  const ratio = Math.min(1, options.maxSide / Math.max(image.width, image.height));
  const width = Math.max(STRIDE, Math.round((image.width * ratio) / STRIDE) * STRIDE);
  const height = Math.max(STRIDE, Math.round((image.height * ratio) / STRIDE) * STRIDE);
  const pixels = await rawImage(image).resize({ width, height, fit: 'fill' }).raw().toBuffer();
  const input = new Float32Array(3 * width * height);
  writePlanes(pixels, width, height, input, 0, width, height, DET_NORMALISATION);
  const inputName = session.inputNames[0] ?? 'x';
  const outputs = await session.run({ [inputName]: new Tensor('float32', input, [1, 3, height, width]) });
  const output = outputs[session.outputNames[0] ?? ''];
  if (!output) throw new Error('The text detector gave no output');
  const probabilities = output.data as Float32Array;
  const sx = image.width / width;
  const sy = image.height / height;
  return dbBoxes({ data: probabilities, width, height }, options).map(({ box, score }) => ({
    box: clipBox(box.x * sx, box.y * sy, (box.x + box.w) * sx, (box.y + box.h) * sy, image.width, image.height),
    score,
  }));
}
