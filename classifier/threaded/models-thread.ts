import { parentPort, workerData } from 'node:worker_threads';
import { loadVisionModels } from '../models/load-vision-models.js';
import type { ModelInputs } from '../models/prepare-model-inputs.js';
import type { DecodedImage, Detector } from '../models/vision-models.js';
import type { FromThread, ToThread } from './thread-messages.js';

// One models' thread of the pool (see model-pool.ts): loads the models once, then runs detect requests as they come.

const port = parentPort;
if (!port) throw new Error('models-thread.js runs as a worker thread');
const send = (message: FromThread) => port.postMessage(message);
const { detectors } = workerData as { detectors?: Detector[] };
/** Structured clone turns Buffers into Uint8Arrays; the models take Buffers. */
const asBuffer = (image: DecodedImage | undefined) =>
  image && { ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) };

try {
  const models = await loadVisionModels({ ...(detectors ? { detectors } : {}), log: (entry) => send({ type: 'log', entry }) });
  port.on('message', (message: ToThread) => {
    if (message.type === 'close') {
      void models.close().finally(() => port.close());
      return;
    }
    const { id, inputs, wanted } = message;
    const buffers: ModelInputs = { width: inputs.width, height: inputs.height };
    for (const name of ['image', 'objects', 'faces', 'safety'] as const) if (inputs[name]) buffers[name] = asBuffer(inputs[name]);
    models.detectPrepared(buffers, new Set(wanted)).then(
      (detections) => send({ type: 'result', id, detections }),
      (error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ type: 'ready', modelVersion: models.modelVersion, detectors: [...models.detectors] });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
