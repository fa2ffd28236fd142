// A stand-in for dist/classifier/threaded/models-thread.js in unit tests: the same messages, no models.
// It answers one "thing" whose score is the first pixel's red value / 255 of the object model's input; a 13-pixel-wide
// image crashes the thread; a 17-pixel-wide one holds the thread 400 ms (as a model run does) and answers a thing
// labelled with the thread's id.
import { parentPort, threadId, workerData } from 'node:worker_threads';

const { detectors = ['objects', 'read'] } = workerData;
if (detectors.includes('fail-to-load')) {
  parentPort.postMessage({ type: 'failed', message: 'The object model did not load: weights missing' });
} else {
  parentPort.postMessage({ type: 'log', entry: { msg: 'model loaded', model: 'fake' } });
  parentPort.on('message', (message) => {
    if (message.type === 'close') return parentPort.close();
    const { id, inputs, wanted } = message;
    if (inputs.width === 13) process.exit(3);
    if (wanted.includes('read')) return parentPort.postMessage({ type: 'error', id, message: 'no OCR here' });
    const box = { x: 0, y: 0, w: inputs.width, h: inputs.height };
    let label = 'thing';
    if (inputs.width === 17) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 400);
      label = `thread ${threadId}`;
    }
    const score = inputs.objects.data[0] / 255;
    parentPort.postMessage({ type: 'result', id, detections: { objects: [{ box, label, score }] } });
  });
  parentPort.postMessage({ type: 'ready', modelVersion: 'fake-thread-1', detectors });
}
