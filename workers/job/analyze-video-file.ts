import type { Classifier } from '../../adapters/classifier/classifier.js';
import { derivedFileOf, keyframeAsset, type ImageAsset } from '../../contracts/assets.js';
import type { ImageAnalysisFeature } from '../../contracts/classification.js';
import { mergeFrameLabels, type MergeOptions } from '../classification/merge-frames.js';
import { hashEncodedImage } from '../image/hash-encoded-image.js';
import { analyzeVideo } from '../video/analyze-video.js';
import type { FfmpegTools } from '../video/ffmpeg-tools.js';
import type { MediaOutcome } from './media-outcome.js';
import type { DerivedFile } from './write-results.js';

export interface VideoFileOptions {
  tools: FfmpegTools;
  hwaccel: 'cuda' | 'none';
  maxKeyframes: number;
  sceneThreshold: number;
  maxDurationSeconds: number;
  maxPixels: number;
  classifier: Classifier | undefined;
  features: readonly ImageAnalysisFeature[];
  thresholds?: MergeOptions;
  /** `results/{submissionId}/{fileId}/` */
  prefix: string;
  signal?: AbortSignal;
}

/**
 * A video: ffprobe metadata, keyframes at scene changes, poster and contact sheet as derived files,
 * and each keyframe classified (concurrency is the classifier adapter's), merged into labels with
 * time ranges. Keyframes are numbered in time order, so a redelivery writes the same names.
 */
export async function analyzeVideoFile(path: string, options: VideoFileOptions): Promise<MediaOutcome> {
  const { classifier, features, prefix, signal } = options;
  const video = await analyzeVideo(path, options);
  const { keyframes, poster, contactSheet, timings, ...metadata } = video;
  // Each keyframe's hash too: a clip that shares a scene with another file but not its poster is still found.
  const [perceptualHash, keyframeHashes] = await Promise.all([
    hashEncodedImage(poster.webp),
    Promise.all(keyframes.map((k) => hashEncodedImage(k.jpeg))),
  ]);
  const blobOf = (asset: ImageAsset) => `${prefix}${derivedFileOf(asset).name}`;

  const files: DerivedFile[] = [
    { asset: 'poster', bytes: poster.webp },
    { asset: 'contact-sheet', bytes: contactSheet.webp },
    ...keyframes.map((k, i) => ({ asset: keyframeAsset(i), bytes: k.jpeg })),
  ];

  const classifyStarted = performance.now();
  const frames = classifier
    ? await Promise.all(
        keyframes.map(async (k) => ({
          timestampSeconds: k.timestampSeconds,
          result: await classifier.analyze(k.jpeg, { features, signal }),
        })),
      )
    : undefined;
  const merged = frames ? mergeFrameLabels(frames, video.durationSeconds, options.thresholds) : undefined;
  const topics = frames ? strongestTopics(frames.flatMap((f) => f.result.newsdesk?.topics ?? [])) : [];

  return {
    part: {
      mediaType: 'video',
      metadata,
      perceptualHash,
      poster: { blob: blobOf('poster'), width: poster.width, height: poster.height },
      contactSheet: { blob: blobOf('contact-sheet'), width: contactSheet.width, height: contactSheet.height },
      keyframes: keyframes.map((k, i) => ({
        blob: blobOf(keyframeAsset(i)),
        width: k.width,
        height: k.height,
        timestampSeconds: k.timestampSeconds,
        sceneScore: k.sceneScore,
        perceptualHash: keyframeHashes[i]!,
      })),
      classification: frames && merged ? { frames, labels: merged.labels, ocr: merged.ocr } : null,
    },
    files,
    topics,
    timings: {
      probeMs: timings.probe,
      keyframesMs: timings.keyframes,
      imagesMs: timings.images,
      classifyMs: performance.now() - classifyStarted,
    },
  };
}

/** A topic seen in several keyframes once, with its best confidence and all its evidence. */
function strongestTopics<T extends { code: string; confidence: number; evidence: string[] }>(topics: T[]): T[] {
  const byCode = new Map<string, T>();
  for (const t of topics) {
    const seen = byCode.get(t.code);
    if (!seen) byCode.set(t.code, { ...t, evidence: [...t.evidence] });
    else {
      seen.evidence = [...new Set([...seen.evidence, ...t.evidence])];
      if (t.confidence > seen.confidence) seen.confidence = t.confidence;
    }
  }
  return [...byCode.values()].sort((a, b) => b.confidence - a.confidence);
}
