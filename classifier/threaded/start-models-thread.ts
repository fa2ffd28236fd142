import { Worker } from 'node:worker_threads';
import type { ModelInputs } from '../models/prepare-model-inputs.js';
import type { Detections, Detector } from '../models/vision-models.js';
import type { FromThread, ToThread } from './thread-messages.js';

export interface ModelsThreadOptions {
  detectors?: Detector[];
  log?: (entry: Record<string, unknown>) => void;
  /** Called once when the thread dies while in use (a WebAssembly abort, out of memory); its calls in flight reject. */
  onExit?: (reason: string) => void;
  /** The thread's script; default the built models-thread.js beside this file. */
  entry?: URL;
}

/** One thread with its own copy of the models. */
export interface ModelsThread {
  readonly threadId: number;
  readonly modelVersion: string;
  readonly detectors: ReadonlySet<Detector>;
  /** Runs `wanted` on inputs made by prepareModelInputs (only those inputs travel: copied, not the whole image). */
  detect(inputs: ModelInputs, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections>;
  close(): Promise<void>;
}

/**
 * Starts a models' thread and waits until its models are loaded. tfjs' WebAssembly inference is synchronous: on the
 * main thread it would hold the event loop for each run, so the HTTP server could neither answer 429 at once nor
 * /health while a model runs. In a thread it holds only that thread; the pool (model-pool.ts) runs several.
 */
export async function startModelsThread(options: ModelsThreadOptions = {}): Promise<ModelsThread> {
  const worker = new Worker(options.entry ?? new URL('./models-thread.js', import.meta.url), {
    workerData: { detectors: options.detectors },
  });
  const log = options.log ?? (() => undefined);
  const pending = new Map<number, { resolve: (d: Detections) => void; reject: (e: Error) => void }>();
  let nextId = 0;
  let closing = false;
  let dead: string | undefined;

  const ready = await new Promise<{ modelVersion: string; detectors: Detector[] }>((resolve, reject) => {
    const onExit = (code: number) => reject(new Error(`The models' thread exited (${code}) while loading`));
    worker.once('error', reject);
    worker.once('exit', onExit);
    worker.on('message', (message: FromThread) => {
      if (message.type === 'log') log(message.entry);
      else if (message.type === 'failed') reject(new Error(message.message));
      else if (message.type === 'ready') {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(message);
      } else {
        const call = pending.get(message.id);
        pending.delete(message.id);
        if (message.type === 'result') call?.resolve(message.detections);
        else call?.reject(new Error(message.message));
      }
    });
  });

  const fail = (reason: string) => {
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
    if (dead !== undefined || closing) return;
    dead = reason;
    options.onExit?.(reason);
  };
  worker.on('error', (error) => fail(`The models' thread failed: ${error.message}`));
  worker.on('exit', (code) => fail(`The models' thread exited (${code})`));

  return {
    threadId: worker.threadId,
    modelVersion: ready.modelVersion,
    detectors: new Set(ready.detectors),
    detect(inputs: ModelInputs, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (closing) return Promise.reject(new Error('The vision models are closed'));
      if (dead !== undefined) return Promise.reject(new Error(dead));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'detect', id, inputs, wanted: [...wanted] } satisfies ToThread);
      });
    },
    async close() {
      if (closing) return;
      closing = true;
      if (dead !== undefined) return;
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage({ type: 'close' } satisfies ToThread);
      // A thread stuck in a run does not get to hold the shutdown.
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
