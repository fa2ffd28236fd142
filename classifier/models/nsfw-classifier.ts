import * as tf from '@tensorflow/tfjs-core';
import { NSFWJS } from 'nsfwjs/core';
import { MobileNetV2Model } from 'nsfwjs/models/mobilenet_v2';
import { MODEL_INPUT } from './prepare-model-inputs.js';
import type { DecodedImage } from './vision-models.js';

const SIDE = MODEL_INPUT.safetySide;
/** Up to this aspect ratio one centre square covers enough of the picture (87 %+). */
const ONE_CROP_MAX_RATIO = 1.15;

/**
 * The MobileNetV2 weights ship inside nsfwjs as base64 JS modules; this handler hands them to tfjs directly, so nothing
 * is fetched and nsfwjs' own loader (which logs to the console) is not used.
 */
const bundledModel: tf.io.IOHandler = {
  async load() {
    const json: tf.io.ModelJSON = (await MobileNetV2Model.modelJson()).default;
    const count = MobileNetV2Model.numOfWeightBundles;
    const shards = new Map<string, Buffer>();
    for (const [i, bundle] of MobileNetV2Model.weightBundles.entries()) {
      shards.set(`group1-shard${i + 1}of${count}`, Buffer.from((await bundle()).default, 'base64'));
    }
    return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
      const parts = manifest
        .flatMap((group) => group.paths)
        .map((name) => {
          const shard = shards.get(name);
          if (shard === undefined) throw new Error(`nsfwjs ships no weight shard ${name}`);
          return shard;
        });
      const weights = Buffer.concat(parts);
      const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
      if (!(data instanceof ArrayBuffer)) throw new Error('Unexpected shared memory for the nsfwjs weights');
      return [manifest.flatMap((group) => group.weights), data];
    });
  },
};

/**
 * Content safety with nsfwjs' MobileNetV2 (classes Drawing, Hentai, Neutral, Porn, Sexy). The model saw centre crops
 * in training; a stretched whole frame made the road race "Sexy" 0.56. So the picture is scaled to a 224 short side
 * and classified as 1 square (near-square pictures) or ⌈ratio⌉ + 1 evenly spaced squares covering it end to end, and
 * the probabilities are averaged (race: Neutral 0.63).
 */
export class NsfwClassifier {
  private constructor(private readonly nsfw: NSFWJS) {}

  static async load(): Promise<NsfwClassifier> {
    const nsfw = new NSFWJS(bundledModel, { size: SIDE });
    try {
      await nsfw.load();
    } catch (error) {
      throw new Error(`The content-safety model (nsfwjs MobileNetV2) did not load: ${(error as Error).message}`, { cause: error });
    }
    return new NsfwClassifier(nsfw);
  }

  /** `scaled`: the picture scaled to a 224 short side (prepareModelInputs). */
  async classify(scaled: DecodedImage): Promise<Record<string, number>> {
    const { data, ...info } = scaled;
    if (Math.min(info.width, info.height) !== SIDE)
      throw new Error(`MobileNetV2 takes a ${SIDE} short side, not ${info.width}×${info.height}`);
    const long = Math.max(info.width, info.height);
    const ratio = long / Math.min(info.width, info.height);
    const count = ratio <= ONE_CROP_MAX_RATIO ? 1 : Math.ceil(ratio) + 1;
    const offsets =
      count === 1 ? [Math.floor((long - SIDE) / 2)] : [...Array(count).keys()].map((i) => Math.round((i * (long - SIDE)) / (count - 1)));

    const sums: Record<string, number> = {};
    const pixels = tf.tensor3d(Int32Array.from(data), [info.height, info.width, 3], 'int32');
    try {
      for (const offset of offsets) {
        const begin: [number, number, number] = info.width >= info.height ? [0, offset, 0] : [offset, 0, 0];
        const crop = tf.slice3d(pixels, begin, [SIDE, SIDE, 3]);
        try {
          for (const { className, probability } of await this.nsfw.classify(crop, 5)) {
            sums[className] = (sums[className] ?? 0) + probability / offsets.length;
          }
        } finally {
          crop.dispose();
        }
      }
    } finally {
      pixels.dispose();
    }
    return sums;
  }

  dispose(): void {
    this.nsfw.dispose();
  }
}
