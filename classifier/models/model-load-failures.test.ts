import { describe, expect, it } from 'vitest';
import { CenterNetDetector } from './centernet-detector.js';
import { registerFileUrlLoader } from './disk-io-handler.js';
import { FaceDetector } from './face-detector.js';
import { useWasmBackend, wasmBinariesDir } from './wasm-backend.js';

// Its own file: human caches loaded models per process, so a good load elsewhere in this process would hide the failure.
describe('a model that does not load', () => {
  it('fails the face detector, naming the models (human itself only logs and goes on)', async () => {
    await useWasmBackend();
    registerFileUrlLoader();
    await expect(FaceDetector.load('/nonexistent/models', wasmBinariesDir())).rejects.toThrow(
      'The face models blazeface, facemesh did not load from /nonexistent/models',
    );
  });

  it('fails the object detector, naming it', async () => {
    await useWasmBackend();
    registerFileUrlLoader();
    await expect(CenterNetDetector.load('/nonexistent/models')).rejects.toThrow(
      'The object model (CenterNet, file:///nonexistent/models/centernet.json)',
    );
  });
});
