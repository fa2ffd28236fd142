// A stand-in for dist/classifier/threaded/models-thread.js in unit tests: the same messages, no models.
// It answers one "thing" whose score is the first pixel's red value / 255; a 13-pixel-wide image crashes the thread.
import { parentPort, workerData } from 'node:worker_threads';

const { detectors = ['objects', 'read'] } = workerData;
if (detectors.includes('fail-to-load')) {
  parentPort.postMessage({ type: 'failed', message: 'The object model did not load: weights missing' });
} else {
  parentPort.postMessage({ type: 'log', entry: { msg: 'model loaded', model: 'fake' } });
  parentPort.on('message', (message) => {
    if (message.type === 'close') return parentPort.close();
    const { id, image, wanted } = message;
    if (image.width === 13) process.exit(3);
    if (wanted.includes('read')) return parentPort.postMessage({ type: 'error', id, message: 'no OCR here' });
    const box = { x: 0, y: 0, w: image.width, h: image.height };
    parentPort.postMessage({ type: 'result', id, detections: { objects: [{ box, label: 'thing', score: image.data[0] / 255 }] } });
  });
  parentPort.postMessage({ type: 'ready', modelVersion: 'fake-thread-1', detectors });
}
