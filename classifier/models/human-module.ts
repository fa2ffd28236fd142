import { createRequire } from 'node:module';
import path from 'node:path';
import type * as tf from '@tensorflow/tfjs-core';
import type { Config } from '@vladmandic/human';
import { packageDir } from './package-paths.js';

/** What this project uses of a human instance (its own typings carry a bundled copy of tfjs' types). */
export interface HumanFace {
  /** [x, y, width, height] in input pixels. */
  box: [number, number, number, number];
  /** BlazeFace's detection score. */
  boxScore: number;
  /** FaceMesh's "this is a face" score (0 when the mesh rejected it). */
  faceScore: number;
}

export interface HumanInstance {
  readonly version: string;
  init(): Promise<void>;
  load(): Promise<void>;
  detect(input: tf.Tensor): Promise<{ face: HumanFace[]; error: string | null }>;
  /** `loaded` is set only when the weights really loaded (`models.loaded()` also lists models that failed). */
  readonly models: { stats(): { modelStats: { name: string; loaded: boolean; sizeLoadedWeights: number }[] } };
}

type HumanConstructor = new (config: Partial<Config>) => HumanInstance;

const require = createRequire(import.meta.url);

/**
 * human's build for Node on the tfjs wasm backend, required by its file path: the package's `exports` map names it
 * without a leading "./", so `@vladmandic/human/dist/human.node-wasm.js` does not resolve, and the package's main
 * (`human.node.js`) needs tfjs-node. This build requires the same @tensorflow/tfjs-core module as this project.
 */
export function humanConstructor(): HumanConstructor {
  const file = path.join(packageDir('@vladmandic/human'), 'dist', 'human.node-wasm.js');
  const loaded: unknown = require(file);
  if (typeof loaded !== 'object' || loaded === null || !('Human' in loaded) || typeof loaded.Human !== 'function') {
    throw new Error(`${file} does not export the Human class`);
  }
  return loaded.Human as HumanConstructor;
}
