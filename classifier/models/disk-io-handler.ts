import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';

type LoadRouter = Parameters<typeof tf.io.registerLoadRouter>[0];

const isModelJson = (value: unknown): value is tf.io.ModelJSON =>
  typeof value === 'object' && value !== null && 'modelTopology' in value && 'weightsManifest' in value;

/** Loads a tfjs model (model.json and its weight shards beside it) from the local disk. */
export function diskIOHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json: unknown = JSON.parse(await readFile(modelJsonPath, 'utf8'));
      if (!isModelJson(json)) throw new Error(`${modelJsonPath} is not a tfjs model.json`);
      const dir = path.dirname(modelJsonPath);
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const shards = await Promise.all(manifest.flatMap((group) => group.paths).map((shard) => readFile(path.join(dir, shard))));
        const weights = Buffer.concat(shards);
        const data = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
        if (!(data instanceof ArrayBuffer)) throw new Error(`Unexpected shared memory for the weights of ${modelJsonPath}`);
        return [manifest.flatMap((group) => group.weights), data];
      });
    },
  };
}

let registered = false;

/**
 * Routes `file://` model URLs to diskIOHandler. Without it tfjs hands them to fetch, undici's fetch has no `file:`
 * scheme, and human's loader logs the failure and carries on with the model missing; callers still check what loaded.
 */
export function registerFileUrlLoader(): void {
  if (registered) return;
  registered = true;
  const router = (url: string | string[]): tf.io.IOHandler | null =>
    typeof url === 'string' && url.startsWith('file://') ? diskIOHandler(fileURLToPath(url)) : null;
  // tfjs types a router as always returning a handler, but its registry documents and skips null ("not mine").
  tf.io.registerLoadRouter(router as LoadRouter);
}
