import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { clipBox } from './box-geometry.js';
import { COCO_LABELS } from './coco-labels.js';
import { suppressDuplicates, type LabelledBox } from './object-suppression.js';
import { MODEL_INPUT } from './prepare-model-inputs.js';
import type { DecodedImage } from './vision-models.js';

const INPUT_SIDE = MODEL_INPUT.objectsSide;
/** Output node: the 100 best heat-map peaks as [x1, y1, x2, y2, score, class] in input pixels. */
const DETECTIONS_NODE = 'tower_0/detections';

/**
 * COCO objects with MobileNetV3-CenterNet (human's models/centernet.json, 4 MB). The picture is letterboxed into the
 * 512×512 input instead of stretched as human does: stretching turned the 451×300 cat into "dog" 0.48, letterboxing
 * reads "cat" 0.49 (dog 0.20) and lifts the police cars from 0.69/0.51 to 0.81/0.74.
 */
export class CenterNetDetector {
  private constructor(private readonly model: GraphModel) {}

  /** `modelsDir`: human's models folder. Needs the wasm backend and the file:// loader registered. */
  static async load(modelsDir: string): Promise<CenterNetDetector> {
    const url = pathToFileURL(path.join(modelsDir, 'centernet.json')).href;
    let model: GraphModel;
    try {
      model = await loadGraphModel(url);
    } catch (error) {
      throw new Error(`The object model (CenterNet, ${url}) did not load: ${(error as Error).message}`, { cause: error });
    }
    const input = model.inputs[0]?.shape;
    if (input?.[1] !== INPUT_SIDE || input[2] !== INPUT_SIDE) throw new Error(`Unexpected CenterNet input shape ${String(input)}`);
    return new CenterNetDetector(model);
  }

  /**
   * Objects scoring at least `minScore`, duplicates suppressed, boxes in pixels of the decoded image (`frame`).
   * `letterboxed`: that image letterboxed at the top left into 512×512 (prepareModelInputs), so that input pixels map
   * back by one scale factor.
   */
  async detect(letterboxed: DecodedImage, frame: { width: number; height: number }, minScore: number): Promise<LabelledBox[]> {
    if (letterboxed.width !== INPUT_SIDE || letterboxed.height !== INPUT_SIDE) {
      throw new Error(`CenterNet takes ${INPUT_SIDE}×${INPUT_SIDE} pixels, not ${letterboxed.width}×${letterboxed.height}`);
    }
    const output = tf.tidy(() => {
      // The model takes 0–255 floats as they are (no normalisation), as human feeds it.
      // Straight to floats (0–255 are exact in float32): the same values as an int32 tensor cast, without the cast.
      const input = tf.tensor4d(Float32Array.from(letterboxed.data), [1, INPUT_SIDE, INPUT_SIDE, 3], 'float32');
      return this.model.execute(input, DETECTIONS_NODE) as tf.Tensor;
    });
    const rows = await output.data<'float32'>();
    output.dispose();

    const scale = Math.max(frame.width, frame.height) / INPUT_SIDE;
    const candidates: LabelledBox[] = [];
    for (let i = 0; i + 5 < rows.length; i += 6) {
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0, score = 0, classId = -1] = rows.subarray(i, i + 6);
      const label = COCO_LABELS[classId];
      if (score < minScore || label === undefined) continue;
      const box = clipBox(x1 * scale, y1 * scale, x2 * scale, y2 * scale, frame.width, frame.height);
      if (box.w > 0 && box.h > 0) candidates.push({ box, label, score });
    }
    return suppressDuplicates(candidates);
  }

  dispose(): void {
    this.model.dispose();
  }
}
