import path from 'node:path';
import { CenterNetDetector } from './centernet-detector.js';
import { registerFileUrlLoader } from './disk-io-handler.js';
import { FaceDetector } from './face-detector.js';
import { NsfwClassifier } from './nsfw-classifier.js';
import { OfflineVisionModels, type LoadedModels } from './offline-vision-models.js';
import { PaddleReader } from './paddle-reader.js';
import { packageDir, packageVersion } from './package-paths.js';
import type { Detector } from './vision-models.js';
import { useWasmBackend, wasmBinariesDir } from './wasm-backend.js';

export const DEFAULT_DETECTORS: readonly Detector[] = ['objects', 'people', 'read', 'safety'];

/** The day this set of models and thresholds was fixed: change it with them, so results say which set made them. */
const MODEL_SET_DATE = '2026-12-06';

export interface LoadVisionModelsOptions {
  /** Load only these (e.g. without 'read': no OCR models). Default: DEFAULT_DETECTORS. */
  detectors?: readonly Detector[];
  /** onnxruntime's threads per OCR model run (intraOpNumThreads): 1 where a pool runs one model thread per core. Default 1. */
  ocrThreads?: number;
  log?: (entry: Record<string, unknown>) => void;
}

/**
 * Loads the offline models once per process, all from node_modules (no network): human's CenterNet (objects, and
 * bodies for people), BlazeFace + FaceMesh (faces for people), nsfwjs MobileNetV2 (safety), PaddleOCR on onnxruntime (read).
 * Throws naming the model that did not load. See classifier/MODELS.md.
 */
export async function loadVisionModels(options: LoadVisionModelsOptions = {}): Promise<OfflineVisionModels> {
  const wanted = new Set(options.detectors ?? DEFAULT_DETECTORS);
  const log = options.log ?? (() => undefined);
  const timed = async <T>(model: string, load: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const loaded = await load();
    log({ msg: 'model loaded', model, ms: Math.round(performance.now() - started) });
    return loaded;
  };

  const models: LoadedModels = {};
  // onnxruntime loads the OCR models off this thread while tfjs models load here.
  const reader = wanted.has('read')
    ? timed('paddleocr-v4', () => PaddleReader.load({ intraOpNumThreads: options.ocrThreads ?? 1 }))
    : undefined;
  // Handled here so that a failed OCR load while tfjs models still load is not an unhandled rejection.
  reader?.catch(() => undefined);
  try {
    if (wanted.has('objects') || wanted.has('people') || wanted.has('safety')) {
      await timed('tfjs-wasm', useWasmBackend);
      registerFileUrlLoader();
    }
    const humanModels = path.join(packageDir('@vladmandic/human'), 'models');
    if (wanted.has('objects') || wanted.has('people')) models.objects = await timed('centernet', () => CenterNetDetector.load(humanModels));
    if (wanted.has('people')) models.faces = await timed('blazeface+facemesh', () => FaceDetector.load(humanModels, wasmBinariesDir()));
    if (wanted.has('safety')) models.safety = await timed('nsfwjs-mobilenetv2', () => NsfwClassifier.load());
    if (reader) models.reader = await reader;
  } catch (error) {
    // Do not leave the OCR sessions loaded behind a failed load.
    await (await reader?.catch(() => undefined))?.close();
    models.objects?.dispose();
    models.safety?.dispose();
    throw error;
  }
  const modelVersion = `newsdesk-${packageVersion('@vladmandic/human')}-${MODEL_SET_DATE}`;
  return new OfflineVisionModels(modelVersion, models, wanted);
}
