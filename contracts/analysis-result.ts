import { z } from 'zod';
import { imageAnalysisResult, mediaTopic } from './classification.js';

/**
 * `results/{submissionId}/{fileId}/analysis.json`: everything a worker found in one file. It is
 * written last, after the derived files it names, so its presence means the result is whole.
 * A redelivered job writes the same names with the same content (timings aside).
 */
const derivedImage = z.object({ blob: z.string(), width: z.number().int(), height: z.number().int() });

/** One label (or line of text) over a video's time line, as Video Indexer reports it: `H:MM:SS.fffffff` strings, and seconds. */
const timeRange = z.object({
  start: z.string(),
  end: z.string(),
  startSeconds: z.number(),
  endSeconds: z.number(),
  confidence: z.number(),
});
const videoLabel = z.object({ id: z.number().int(), name: z.string(), confidence: z.number(), instances: z.array(timeRange) });
const videoText = z.object({ id: z.number().int(), text: z.string(), confidence: z.number(), instances: z.array(timeRange) });

const text = z.string().nullable();

/** sharp's header and what EXIF, IPTC-IIM and XMP say (workers/image/photo-metadata.ts); null where the file says nothing. */
const photoMetadata = z.object({
  /** As displayed, after the EXIF orientation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: z.string(),
  colourSpace: z.string(),
  hasAlpha: z.boolean(),
  orientation: z.number().int().min(1).max(8).nullable(),
  metadata: z.object({
    byline: text,
    credit: text,
    caption: text,
    headline: text,
    copyright: text,
    keywords: z.array(z.string()),
    city: text,
    country: text,
    /** ISO 8601, with an offset only when the file records one. */
    capturedAt: text,
    camera: z.object({ make: text, model: text }).nullable(),
    /** Decimal degrees, south and west negative; metres, negative below sea level. */
    gps: z.object({ latitude: z.number(), longitude: z.number(), altitude: z.number().optional() }).nullable(),
  }),
});

/** ffprobe's view (workers/video/video-metadata.ts). */
const videoMetadata = z.object({
  container: z.string(),
  durationSeconds: z.number().positive(),
  sizeBytes: z.number().nonnegative(),
  bitRate: z.number().nullable(),
  video: z.object({
    codec: z.string(),
    profile: text,
    width: z.number().int().positive(),
    height: z.number().int().positive(),
    displayWidth: z.number().int().positive(),
    displayHeight: z.number().int().positive(),
    rotation: z.number(),
    frameRate: z.number().nullable(),
    pixelFormat: text,
  }),
  audio: z.object({ codec: z.string(), sampleRate: z.number().nullable(), channels: z.number().int().nullable() }).nullable(),
  keyframeScan: z.enum(['all-frames', 'keyframes-only']),
});

const photoPart = z.object({
  mediaType: z.literal('photo'),
  metadata: photoMetadata,
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
  dominantColours: z.array(z.string()),
  thumbnails: z.array(derivedImage.extend({ slot: z.number().int() })),
  /** null when no classifier is configured. */
  classification: imageAnalysisResult.nullable(),
});

const videoPart = z.object({
  mediaType: z.literal('video'),
  metadata: videoMetadata,
  /** The poster frame's, computed as a photo's: what a video is compared by with other files. */
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
  poster: derivedImage,
  contactSheet: derivedImage,
  /** Each with its own perceptual hash, which the duplicate index compares beside the poster's. */
  keyframes: z.array(
    derivedImage.extend({
      timestampSeconds: z.number().nonnegative(),
      sceneScore: z.number().nullable(),
      perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
    }),
  ),
  classification: z
    .object({
      frames: z.array(z.object({ timestampSeconds: z.number(), result: imageAnalysisResult })),
      labels: z.array(videoLabel),
      ocr: z.array(videoText),
    })
    .nullable(),
});

export const analysisResult = z.discriminatedUnion('mediaType', [photoPart, videoPart]).and(
  z.object({
    schemaVersion: z.literal(1),
    jobId: z.string(),
    submissionId: z.string(),
    fileId: z.string(),
    contentType: z.string(),
    topics: z.array(mediaTopic),
    /** Milliseconds per stage on the worker that wrote it; informational, differs between deliveries. */
    timings: z.record(z.string(), z.number()),
    worker: z.object({ id: z.string(), hwaccel: z.enum(['cuda', 'none']) }),
  }),
);
export type AnalysisResult = z.infer<typeof analysisResult>;
export type PhotoResult = Extract<AnalysisResult, { mediaType: 'photo' }>;
export type VideoResult = Extract<AnalysisResult, { mediaType: 'video' }>;
