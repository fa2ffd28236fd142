import { setTimeout as sleep } from 'node:timers/promises';
import type { DecodedImage, Detections, Detector, VisionModels } from '../../classifier/models/vision-models.js';

export interface ScriptedModels extends VisionModels {
  /** Every detect call: the image size seen and the detectors asked for. */
  readonly calls: { width: number; height: number; wanted: Detector[] }[];
  /** Runs in progress now, and the most at once. */
  readonly running: number;
  readonly maxRunning: number;
}

/**
 * A stand-in for the real models, for the HTTP layer's own tests: answers `detections` (filtered to the detectors asked
 * for) after `delayMs`, or throws `fail`. The real models run in test/integration/classifier-service.test.ts.
 */
export function scriptedModels(
  options: { detections?: Detections; detectors?: Detector[]; delayMs?: number; fail?: Error; modelVersion?: string } = {},
): ScriptedModels {
  const calls: ScriptedModels['calls'] = [];
  let running = 0;
  let maxRunning = 0;
  const detections = options.detections ?? {};
  return {
    modelVersion: options.modelVersion ?? 'scripted-1',
    detectors: new Set(options.detectors ?? ['objects', 'people', 'read', 'safety']),
    calls,
    get running() {
      return running;
    },
    get maxRunning() {
      return maxRunning;
    },
    async detect(image: DecodedImage, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
      calls.push({ width: image.width, height: image.height, wanted: [...wanted].sort() });
      maxRunning = Math.max(maxRunning, ++running);
      try {
        if (options.delayMs) await sleep(options.delayMs, undefined, { signal });
        if (options.fail) throw options.fail;
        return {
          ...(wanted.has('objects') && detections.objects ? { objects: detections.objects } : {}),
          ...(wanted.has('people') && detections.people ? { people: detections.people } : {}),
          ...(wanted.has('read') && detections.text ? { text: detections.text } : {}),
          ...(wanted.has('safety') && detections.safety ? { safety: detections.safety } : {}),
        };
      } finally {
        running--;
      }
    },
    close: async () => undefined,
  };
}
