import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import type { Config } from '@vladmandic/human';
import { clipBox } from './box-geometry.js';
import { humanConstructor, type HumanInstance } from './human-module.js';
import type { Box, DecodedImage } from './vision-models.js';

export interface FaceDetection {
  box: Box;
  score: number;
}

/** BlazeFace candidates below this are not worth a FaceMesh pass. */
const MIN_DETECTOR_SCORE = 0.3;
/**
 * FaceMesh's face score: real faces score ~1.0 here, while BlazeFace's false faces on the cat (0.83), the dog (0.58)
 * and the squirrel (0.65) score 0 — the reason to run the mesh at all.
 */
const MIN_MESH_SCORE = 0.5;
const MODELS = ['blazeface', 'facemesh'];

/** The parts of a human config section that switch on and off (models and stages): those with an `enabled` flag. */
type Part<Section> = { [K in keyof Section]-?: 'enabled' extends keyof NonNullable<Section[K]> ? K : never }[keyof Section];

/** Config entries turning parts off; the names are checked, as a misspelt one would leave its model on. */
const disabled = <Name extends Part<Config> | Part<Config['face']>>(...names: Name[]) =>
  Object.fromEntries(names.map((name) => [name, { enabled: false }])) as Record<Name, { enabled: false }>;

/** Faces with human's BlazeFace (back-camera model) confirmed by FaceMesh; every other human model is off. */
export class FaceDetector {
  private constructor(private readonly human: HumanInstance) {}

  static async load(modelsDir: string, wasmDir: string): Promise<FaceDetector> {
    const Human = humanConstructor();
    const human = new Human({
      backend: 'wasm',
      wasmPath: wasmDir,
      // A file:// base: registerFileUrlLoader serves it from disk.
      modelBasePath: pathToFileURL(modelsDir).href + '/',
      cacheModels: false,
      debug: false,
      async: false,
      warmup: 'none',
      // Still photos: never reuse the previous call's results.
      cacheSensitivity: 0,
      skipAllowed: false,
      ...disabled('filter', 'gesture', 'body', 'hand', 'object', 'segmentation'),
      face: {
        enabled: true,
        detector: { rotation: false, maxDetected: 100, minConfidence: MIN_DETECTOR_SCORE, iouThreshold: 0.1, return: false },
        mesh: { enabled: true },
        ...disabled('attention', 'iris', 'emotion', 'description', 'antispoof', 'liveness'),
      },
    });
    await human.init();
    await human.load();
    // human logs a model that failed to load and carries on without it: check.
    const loaded = human.models.stats().modelStats.filter((model) => model.loaded && model.sizeLoadedWeights > 0);
    const missing = MODELS.filter((name) => !loaded.some((model) => model.name === name));
    if (missing.length > 0) throw new Error(`The face models ${missing.join(', ')} did not load from ${modelsDir}`);
    return new FaceDetector(human);
  }

  /**
   * Faces in pixels of the decoded image (`frame`); `small` is that image scaled to fit 1280 (prepareModelInputs).
   * Not reentrant (human keeps per-call state): callers serialise.
   */
  async detect(small: DecodedImage, frame: { width: number; height: number }): Promise<FaceDetection[]> {
    const input = tf.tensor3d(Int32Array.from(small.data), [small.height, small.width, 3], 'int32');
    let result: Awaited<ReturnType<HumanInstance['detect']>>;
    try {
      result = await this.human.detect(input);
    } finally {
      input.dispose();
    }
    if (result.error) throw new Error(`Face detection failed: ${result.error}`);
    const scale = frame.width / small.width;
    return result.face
      .filter((face) => face.faceScore >= MIN_MESH_SCORE)
      .map((face) => {
        const [x, y, w, h] = face.box;
        return { box: clipBox(x * scale, y * scale, (x + w) * scale, (y + h) * scale, frame.width, frame.height), score: face.boxScore };
      });
  }
}
