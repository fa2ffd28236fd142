import type { Classifier } from '../../adapters/classifier/classifier.js';
import type { ImageAnalysisFeature } from '../../contracts/classification.js';
import { mergeFrameLabels } from '../classification/merge-frames.js';
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
  /** `results/{submissionId}/{fileId}/` */
  prefix: string;
  signal?: AbortSignal;
}

const pad = (i: number) => String(i).padStart(3, '0');

/**
 * A video: ffprobe metadata, keyframes at scene changes, poster and contact sheet as derived files,
 * and each keyframe classified (concurrency is the classifier adapter's), merged into labels with
 * time ranges. Keyframes are numbered in time order, so a redelivery writes the same names.
 */
export async function analyzeVideoFile(path: string, options: VideoFileOptions): Promise<MediaOutcome> {
  const { classifier, features, prefix, signal } = options;
  const video = await analyzeVideo(path, options);
  const { keyframes, poster, contactSheet, timings, ...metadata } = video;
  const perceptualHash = await hashEncodedImage(poster.webp);

  const files: DerivedFile[] = [
    { name: 'poster.webp', bytes: poster.webp, contentType: 'image/webp' },
    { name: 'contact-sheet.webp', bytes: contactSheet.webp, contentType: 'image/webp' },
    ...keyframes.map((k, i) => ({ name: `keyframe-${pad(i)}.jpg`, bytes: k.jpeg, contentType: 'image/jpeg' })),
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
  const merged = frames ? mergeFrameLabels(frames, video.durationSeconds) : undefined;
  const topics = frames ? strongestTopics(frames.flatMap((f) => f.result.newsdesk?.topics ?? [])) : [];

  return {
    part: {
      mediaType: 'video',
      metadata,
      perceptualHash,
      poster: { blob: `${prefix}poster.webp`, width: poster.width, height: poster.height },
      contactSheet: { blob: `${prefix}contact-sheet.webp`, width: contactSheet.width, height: contactSheet.height },
      keyframes: keyframes.map((k, i) => ({
        blob: `${prefix}keyframe-${pad(i)}.jpg`,
        width: k.width,
        height: k.height,
        timestampSeconds: k.timestampSeconds,
        sceneScore: k.sceneScore,
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
