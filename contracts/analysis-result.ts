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

const photoPart = z.object({
  mediaType: z.literal('photo'),
  metadata: z.record(z.string(), z.unknown()),
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
  dominantColours: z.array(z.string()),
  thumbnails: z.array(derivedImage.extend({ slot: z.number().int() })),
  /** null when no classifier is configured. */
  classification: imageAnalysisResult.nullable(),
});

const videoPart = z.object({
  mediaType: z.literal('video'),
  metadata: z.record(z.string(), z.unknown()),
  poster: derivedImage,
  contactSheet: derivedImage,
  keyframes: z.array(derivedImage.extend({ timestampSeconds: z.number().nonnegative(), sceneScore: z.number().nullable() })),
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
