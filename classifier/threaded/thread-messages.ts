import type { ModelInputs } from '../models/prepare-model-inputs.js';
import type { Detections, Detector } from '../models/vision-models.js';

/** To a models' thread. The inputs' pixels arrive as Uint8Arrays (structured clone). */
export type ToThread = { type: 'detect'; id: number; inputs: ModelInputs; wanted: Detector[] } | { type: 'close' };

/** From a models' thread. */
export type FromThread =
  | { type: 'ready'; modelVersion: string; detectors: Detector[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; detections: Detections }
  | { type: 'error'; id: number; message: string }
  | { type: 'log'; entry: Record<string, unknown> };
