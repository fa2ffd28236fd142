import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { IMAGE_ANALYSIS_FEATURES, imageAnalysisResult, type ImageAnalysisFeature } from '../../contracts/classification.js';
import { ClassifierRejected, type Classifier } from './classifier.js';
import { RESULT_KEY_OF } from './feature-results.js';

export interface ClassifierContractSetup {
  /** The adapter under test, pointed at the endpoint under test with a key it accepts. */
  classifier: Classifier;
  /** The same adapter and endpoint with a key the endpoint refuses. */
  wrongKey: Classifier;
}

/** What the endpoint under test serves. */
export interface ClassifierContractOptions {
  /**
   * The features it answers (default: all of Azure's). Any other is refused with 400, as Azure refuses captions in
   * regions without them, and as Newsdesk's classifier service refuses them (it has no captioning model).
   */
  features?: readonly ImageAnalysisFeature[];
}

/** A real photo (JPEG/PNG) of at least 50×50 pixels. */
export interface ContractImage {
  name: string;
  bytes: Buffer;
}

const NEWS_FEATURES: readonly ImageAnalysisFeature[] = ['tags', 'objects', 'people', 'read', 'caption'];

const rejection = async (promise: Promise<unknown>): Promise<ClassifierRejected> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ClassifierRejected);
  return error as ClassifierRejected;
};

/**
 * What every Classifier adapter shows against any Image Analysis 4.0 endpoint (Azure, the local double, Newsdesk's own
 * classifier service). `setup` runs for each test; `images` are real photos.
 */
export function classifierContract(
  name: string,
  setup: () => ClassifierContractSetup | Promise<ClassifierContractSetup>,
  images: readonly ContractImage[],
  options: ClassifierContractOptions = {},
): void {
  describe(`Classifier contract: ${name}`, () => {
    const photo = images[0];
    if (!photo) throw new Error('classifierContract needs at least one image');
    const served = options.features ?? IMAGE_ANALYSIS_FEATURES;
    const newsFeatures = NEWS_FEATURES.filter((f) => served.includes(f));
    const unserved = IMAGE_ANALYSIS_FEATURES.filter((f) => !served.includes(f));

    it.each(images.map((image) => [image.name, image] as const))(
      'classifies %s: a schema-valid result with its real size',
      async (_, image) => {
        const { classifier } = await setup();
        const { width, height } = await sharp(image.bytes).metadata();
        const result = await classifier.analyze(image.bytes, { features: newsFeatures });
        expect(imageAnalysisResult.safeParse(result).error).toBeUndefined();
        expect(result.modelVersion).not.toBe('');
        expect(result.metadata).toEqual({ width, height });
      },
    );

    it('answers every requested feature, and only those', async () => {
      const { classifier } = await setup();
      const some = await classifier.analyze(photo.bytes, { features: ['tags', 'read'] });
      expect(some.tagsResult?.values).toBeInstanceOf(Array);
      expect(some.readResult?.blocks).toBeInstanceOf(Array);
      for (const absent of ['objectsResult', 'peopleResult', 'captionResult', 'denseCaptionsResult', 'smartCropsResult']) {
        expect(some).not.toHaveProperty(absent);
      }
      const all = await classifier.analyze(photo.bytes, { features: served });
      for (const feature of served) expect(all, feature).toHaveProperty(RESULT_KEY_OF[feature]);
    });

    // Only for an endpoint that serves fewer features than Azure (a region without captions, the local service).
    if (unserved.length > 0)
      it('refuses a feature it does not serve with 400, rather than answering without it', async () => {
        const { classifier } = await setup();
        for (const feature of unserved) {
          const error = await rejection(classifier.analyze(photo.bytes, { features: ['tags', feature] }));
          expect(error.status, feature).toBe(400);
          expect(error.message).toContain(feature);
        }
      });

    it('places every object and person box inside the image', async () => {
      const { classifier } = await setup();
      const result = await classifier.analyze(photo.bytes, { features: ['objects', 'people'] });
      const { width, height } = result.metadata;
      const boxes = [...(result.objectsResult?.values ?? []), ...(result.peopleResult?.values ?? [])].map((v) => v.boundingBox);
      for (const b of boxes) {
        expect(b.x).toBeGreaterThanOrEqual(0);
        expect(b.y).toBeGreaterThanOrEqual(0);
        expect(b.x + b.w).toBeLessThanOrEqual(width);
        expect(b.y + b.h).toBeLessThanOrEqual(height);
      }
    });

    it("refuses bytes that are not an image: ClassifierRejected 400 with Azure's code", async () => {
      const { classifier } = await setup();
      const error = await rejection(classifier.analyze(Buffer.from('%PDF-1.7 this is not a picture'), { features: ['tags'] }));
      expect(error.status).toBe(400);
      expect(['InvalidImageFormat', 'InvalidRequest']).toContain(error.code);
      expect(error.message).not.toBe('');
    });

    it('refuses an image under 50×50 pixels: 400 InvalidImageSize', async () => {
      const { classifier } = await setup();
      const tiny = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } })
        .png()
        .toBuffer();
      const error = await rejection(classifier.analyze(tiny, { features: ['tags'] }));
      expect(error.status).toBe(400);
      expect(['InvalidImageSize', 'InvalidRequest']).toContain(error.code);
    });

    it('refuses an empty body: 400 InvalidRequest', async () => {
      const { classifier } = await setup();
      const error = await rejection(classifier.analyze(Buffer.alloc(0), { features: ['tags'] }));
      expect(error).toMatchObject({ status: 400, code: 'InvalidRequest' });
    });

    it('refuses a wrong key: ClassifierRejected 401', async () => {
      const { wrongKey } = await setup();
      const error = await rejection(wrongKey.analyze(photo.bytes, { features: ['tags'] }));
      expect(error.status).toBe(401);
    });

    it("rejects with an aborted signal's reason", async () => {
      const { classifier } = await setup();
      const reason = new Error('job cancelled');
      await expect(classifier.analyze(photo.bytes, { features: ['tags'], signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    });
  });
}
