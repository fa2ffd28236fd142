import type { Classifier } from '../../adapters/classifier/classifier.js';
import { derivedFileOf, thumbnailAsset } from '../../contracts/assets.js';
import type { ImageAnalysisFeature } from '../../contracts/classification.js';
import { analyzePhoto } from '../image/analyze-photo.js';
import type { MediaOutcome } from './media-outcome.js';
import type { DerivedFile } from './write-results.js';

export interface PhotoFileOptions {
  maxPixels: number;
  classifier: Classifier | undefined;
  features: readonly ImageAnalysisFeature[];
  /** `results/{submissionId}/{fileId}/`: derived files are named in the result by their full blob path. */
  prefix: string;
  signal?: AbortSignal;
}

/**
 * A photo: sharp's analysis, its thumbnails as derived files, and the classifier's view of the
 * 1280 px thumbnail — big enough for people, objects and sign text, and well inside Azure's 20 MB
 * and 16,000 px input limits whatever the original's size.
 */
export async function analyzePhotoFile(bytes: Buffer, options: PhotoFileOptions): Promise<MediaOutcome> {
  const started = performance.now();
  const photo = await analyzePhoto(bytes, { maxPixels: options.maxPixels });
  const mediaMs = performance.now() - started;

  const files: DerivedFile[] = photo.thumbnails.map((t) => ({ asset: thumbnailAsset(t.width), bytes: t.webp }));
  const largest = photo.thumbnails[photo.thumbnails.length - 1];
  const classifyStarted = performance.now();
  const classification =
    options.classifier && largest
      ? await options.classifier.analyze(largest.webp, { features: options.features, signal: options.signal })
      : null;

  const { thumbnails, perceptualHash, dominantColours, ...metadata } = photo;
  return {
    part: {
      mediaType: 'photo',
      metadata,
      perceptualHash,
      dominantColours,
      thumbnails: thumbnails.map((t) => ({
        blob: `${options.prefix}${derivedFileOf(thumbnailAsset(t.width)).name}`,
        slot: t.width,
        width: t.pixelWidth,
        height: t.pixelHeight,
      })),
      classification,
    },
    files,
    topics: classification?.newsdesk?.topics ?? [],
    timings: { mediaMs, classifyMs: performance.now() - classifyStarted },
  };
}
