import { decodeImage } from '../classifier/image/decode-image.js';
import { loadVisionModels } from '../classifier/models/load-vision-models.js';
import { prepareModelInputs } from '../classifier/models/prepare-model-inputs.js';
import type { Detector } from '../classifier/models/vision-models.js';
import { percentile } from './percentile.js';
import type { Figure } from './report.js';

const LIMITS = { maxBytes: 20 * 1024 * 1024, maxPixels: 100_000_000, maxSide: 2048 };
const ALL = new Set<Detector>(['objects', 'people', 'read', 'safety']);

/**
 * Where one image's time goes, stage by stage, on one thread in this process (the models loaded here, as one models'
 * thread loads them): decoding, preparing every model's input, and each job the pool sends a thread.
 */
export async function classifierStages(bytes: Buffer, runs: number): Promise<Figure[]> {
  const models = await loadVisionModels();
  try {
    const decoded = await decodeImage(bytes, LIMITS);
    const inputs = await prepareModelInputs(decoded.image, ALL);
    const stages: [string, () => Promise<unknown>][] = [
      ['decode (sharp, to ≤ 2048 px)', () => decodeImage(bytes, LIMITS)],
      ['prepare model inputs (sharp)', () => prepareModelInputs(decoded.image, ALL)],
      ['objects + people (CenterNet, BlazeFace, FaceMesh)', () => models.detectPrepared(inputs, new Set(['objects', 'people']))],
      ['safety (MobileNetV2 crops)', () => models.detectPrepared(inputs, new Set(['safety']))],
      ['read (OCR)', () => models.detectPrepared(inputs, new Set(['read']))],
    ];
    const figures: Figure[] = [];
    for (const [name, stage] of stages) {
      await stage(); // warm-up
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        await stage();
        times.push(performance.now() - started);
      }
      figures.push({ name: `1080p photo, stage: ${name}`, value: percentile(times, 50), unit: 'ms p50' });
    }
    return figures;
  } finally {
    await models.close();
  }
}
