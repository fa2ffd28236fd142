import { parentPort, workerData } from 'node:worker_threads';
import { loadVisionModels } from '../models/load-vision-models.js';
import type { Detector } from '../models/vision-models.js';
import type { FromThread, ToThread } from './thread-messages.js';

// The models' own thread (see threaded-vision-models.ts): loads them, then runs detect requests as they come.

const port = parentPort;
if (!port) throw new Error('models-thread.js runs as a worker thread');
const send = (message: FromThread) => port.postMessage(message);
const { detectors } = workerData as { detectors?: Detector[] };

try {
  const models = await loadVisionModels({ ...(detectors ? { detectors } : {}), log: (entry) => send({ type: 'log', entry }) });
  port.on('message', (message: ToThread) => {
    if (message.type === 'close') {
      void models.close().finally(() => port.close());
      return;
    }
    const { id, image, wanted } = message;
    models.detect({ ...image, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) }, new Set(wanted)).then(
      (detections) => send({ type: 'result', id, detections }),
      (error: unknown) => send({ type: 'error', id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  send({ type: 'ready', modelVersion: models.modelVersion, detectors: [...models.detectors] });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}
