import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { packageDir } from './package-paths.js';

/** The folder holding tfjs-backend-wasm's .wasm binaries (plain, SIMD and threaded SIMD builds). */
export const wasmBinariesDir = (): string => path.join(packageDir('@tensorflow/tfjs-backend-wasm'), 'dist') + path.sep;

/**
 * Makes tfjs run on its WebAssembly backend, loading the binaries from node_modules (never a CDN). In Node the backend
 * runs single-threaded (no SharedArrayBuffer workers), so one process uses about one core for tfjs.
 * `tfjs-node` is not an option here: its install downloads libtensorflow.
 */
export function useWasmBackend(): Promise<void> {
  // Once per process; tf.findBackend/getBackend cannot be asked first, they would start a backend as a side effect.
  started ??= start();
  return started;
}

let started: Promise<void> | undefined;

async function start(): Promise<void> {
  setWasmPaths(wasmBinariesDir());
  if (!(await tf.setBackend('wasm'))) throw new Error(`The tfjs wasm backend did not start (binaries in ${wasmBinariesDir()})`);
  await tf.ready();
}
