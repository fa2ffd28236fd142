import { Semaphore } from '../../lib/resilience/semaphore.js';
import type { CenterNetDetector } from './centernet-detector.js';
import { combinePeople } from './combine-people.js';
import type { FaceDetector } from './face-detector.js';
import type { NsfwClassifier } from './nsfw-classifier.js';
import type { PaddleReader } from './paddle-reader.js';
import { prepareModelInputs, type ModelInputs } from './prepare-model-inputs.js';
import type { DecodedImage, Detections, Detector, VisionModels } from './vision-models.js';

export interface LoadedModels {
  objects?: CenterNetDetector;
  faces?: FaceDetector;
  safety?: NsfwClassifier;
  reader?: PaddleReader;
}

/**
 * CenterNet scores (letterboxed input) on the fixtures: true objects 0.39–0.81 (dog 0.40, cat 0.49, cars 0.74–0.81),
 * persons 0.3–0.75; stray boxes on pictures without them stay below 0.25 (a "person" 0.20 and "traffic light" 0.22
 * on the police cars). One threshold for objects and the persons behind `people`.
 */
const MIN_OBJECT_SCORE = 0.3;

/**
 * The detectors composed behind the VisionModels port. tfjs work (objects, faces, safety) runs on the main thread,
 * OCR on onnxruntime's own threads: each has its own queue, so overlapping detect() calls are safe — they are
 * serialised per queue — and one call's OCR overlaps its own (or the next call's) tfjs work.
 */
export class OfflineVisionModels implements VisionModels {
  readonly detectors: ReadonlySet<Detector>;
  // One at a time, in order: human keeps module-level state between calls; OCR runs one image at a time so that it
  // uses the threads it was given (ocrThreads) and no more.
  private readonly tfQueue = new Semaphore(1);
  private readonly ocrQueue = new Semaphore(1);
  private closed = false;

  /** `wanted`: the detectors configured; one whose models are loaded for another (objects for people) stays off. */
  constructor(
    readonly modelVersion: string,
    private readonly models: LoadedModels,
    wanted: ReadonlySet<Detector>,
  ) {
    const available = new Set<Detector>();
    if (models.objects) available.add('objects');
    if (models.objects && models.faces) available.add('people');
    if (models.safety) available.add('safety');
    if (models.reader) available.add('read');
    this.detectors = new Set([...available].filter((detector) => wanted.has(detector)));
  }

  async detect(image: DecodedImage, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
    if (this.closed) throw new Error('The vision models are closed');
    checkPixels(image);
    return this.detectPrepared(await prepareModelInputs(image, wanted), wanted, signal);
  }

  /** As detect, on the inputs prepareModelInputs made for `wanted` (the models' thread gets these, not the image). */
  async detectPrepared(inputs: ModelInputs, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
    if (this.closed) throw new Error('The vision models are closed');
    const missing = [...wanted].filter((detector) => !this.detectors.has(detector));
    if (missing.length > 0) throw new Error(`Detectors not loaded: ${missing.join(', ')}`);
    for (const input of [inputs.image, inputs.objects, inputs.faces, inputs.safety]) if (input) checkPixels(input);
    const { reader } = this.models;
    const image = inputs.image;
    const text =
      wanted.has('read') && reader && image ? this.ocrQueue.run(() => (signal?.throwIfAborted(), reader.read(image, signal))) : undefined;
    const rest = this.tfQueue.run(() => this.detectWithTf(inputs, wanted, signal));
    const [detections, read] = await Promise.all([rest, text]);
    return read === undefined ? detections : { ...detections, text: read };
  }

  private async detectWithTf(inputs: ModelInputs, wanted: ReadonlySet<Detector>, signal?: AbortSignal): Promise<Detections> {
    const { objects: objectModel, faces: faceModel, safety: safetyModel } = this.models;
    const result: Detections = {};
    if ((wanted.has('objects') || wanted.has('people')) && objectModel) {
      signal?.throwIfAborted();
      const objects = await objectModel.detect(need(inputs.objects, 'objects'), inputs, MIN_OBJECT_SCORE);
      if (wanted.has('objects')) result.objects = objects;
      if (wanted.has('people') && faceModel) {
        signal?.throwIfAborted();
        result.people = combinePeople(objects, await faceModel.detect(need(inputs.faces, 'faces'), inputs));
      }
    }
    if (wanted.has('safety') && safetyModel) {
      signal?.throwIfAborted();
      result.safety = await safetyModel.classify(need(inputs.safety, 'safety'));
    }
    return result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const { objects, safety, reader } = this.models;
    // Queued work finishes first; human has no dispose (its models live until the process ends).
    await Promise.all([
      this.tfQueue.run(async () => {
        objects?.dispose();
        safety?.dispose();
      }),
      this.ocrQueue.run(async () => reader?.close()),
    ]);
  }
}

function checkPixels(image: DecodedImage): void {
  if (image.data.length !== image.width * image.height * 3) {
    throw new Error(
      `Expected ${image.width}×${image.height} RGB pixels (${image.width * image.height * 3} bytes), got ${image.data.length}`,
    );
  }
}

function need(input: DecodedImage | undefined, name: keyof ModelInputs): DecodedImage {
  if (!input) throw new Error(`No ${name} input prepared for this image`);
  return input;
}
