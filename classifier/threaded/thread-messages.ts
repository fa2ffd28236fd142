import type { Detections, Detector } from '../models/vision-models.js';

/** To the models' thread. */
export type ToThread =
  { type: 'detect'; id: number; image: { data: Uint8Array; width: number; height: number }; wanted: Detector[] } | { type: 'close' };

/** From the models' thread. */
export type FromThread =
  | { type: 'ready'; modelVersion: string; detectors: Detector[] }
  | { type: 'failed'; message: string }
  | { type: 'result'; id: number; detections: Detections }
  | { type: 'error'; id: number; message: string }
  | { type: 'log'; entry: Record<string, unknown> };
