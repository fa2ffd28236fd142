import { z } from 'zod';

/**
 * One file's analysis as the client receives it (docs/webhooks.md documents each field): built by
 * the worker from its analysis.json (`source: 'worker'`), or supplied by a person after an
 * escalation (`source: 'manual'`). AnalysisCompleted carries it; the submission summary wraps it.
 */
const confidence = z.number().min(0).max(1);
const seconds = z.number().nonnegative();
const text = z.string().min(1);

/** An IPTC Media Topic: its code and its English name in the vocabulary. */
export const summaryTopic = z.object({
  code: z.string().regex(/^medtop:\d{8}$/),
  name: text,
  confidence: confidence.default(1),
});

const safetyVerdict = z.enum(['safe', 'suggestive', 'explicit']);
export const safety = z.object({ verdict: safetyVerdict, adultScore: confidence, racyScore: confidence });
export type Safety = z.infer<typeof safety>;

const objectCount = z.object({ name: text, count: z.number().int().positive() });

/** What the picture shows; the same fields whoever analysed it. */
const contentFields = {
  caption: text.nullable(),
  tags: z.array(text),
  objects: z.array(objectCount),
  people: z.number().int().nonnegative().nullable(),
  text: z.array(text),
  topics: z.array(summaryTopic),
  safety: safety.nullable(),
};

/** EXIF/IPTC/XMP capture time: a date, or a local time with an offset only when the file records one. */
const captureTime = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$/);
const size = z.object({ width: z.number().int().positive(), height: z.number().int().positive() });
const ranges = z.array(z.object({ startSeconds: seconds, endSeconds: seconds }));

const workerFields = {
  source: z.literal('worker'),
  /** 64-bit dHash as 16 hex digits (a video's: its poster frame's). */
  perceptualHash: z.string().regex(/^[0-9a-f]{16}$/),
  /** False when no classifier was configured: the content fields are then empty. */
  classified: z.boolean(),
  ...contentFields,
};

export const photoAnalysis = z.object({
  ...workerFields,
  mediaType: z.literal('photo'),
  /** As displayed, after the EXIF orientation. */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  format: text,
  capturedAt: captureTime.nullable(),
  byline: text.nullable(),
  credit: text.nullable(),
  copyright: text.nullable(),
  /** IPTC Description (Caption-Abstract): the photographer's caption, not the classifier's. */
  description: text.nullable(),
  headline: text.nullable(),
  keywords: z.array(text),
  city: text.nullable(),
  country: text.nullable(),
  gps: z.object({ lat: z.number().min(-90).max(90), lon: z.number().min(-180).max(180), altitude: z.number().optional() }).nullable(),
  camera: z.object({ make: text.nullable(), model: text.nullable() }).nullable(),
});
export type PhotoAnalysis = z.infer<typeof photoAnalysis>;

export const videoAnalysis = z.object({
  ...workerFields,
  mediaType: z.literal('video'),
  durationSeconds: z.number().positive(),
  container: text,
  codecs: z.object({ video: text, audio: text.nullable() }),
  stored: size,
  displayed: size,
  frameRate: z.number().positive().nullable(),
  hasAudio: z.boolean(),
  keyframeCount: z.number().int().nonnegative(),
  labels: z.array(z.object({ name: text, confidence, ranges })),
  ocr: z.array(z.object({ text, confidence, ranges })),
});
export type VideoAnalysis = z.infer<typeof videoAnalysis>;

/** A person's analysis (the desk's POST /api/staff/submissions/{id}/files/{fileId}/resolve): what they leave out is empty, as for an unclassified file. */
export const manualAnalysis = z.strictObject({
  source: z.literal('manual').default('manual'),
  caption: contentFields.caption.default(null),
  tags: contentFields.tags.max(100).default([]),
  objects: contentFields.objects.max(100).default([]),
  people: contentFields.people.default(null),
  text: contentFields.text.max(100).default([]),
  topics: contentFields.topics.max(50).default([]),
  safety: contentFields.safety.default(null),
  note: z.string().max(4000).nullable().default(null),
});
export type ManualAnalysis = z.infer<typeof manualAnalysis>;

export const workerAnalysis = z.discriminatedUnion('mediaType', [photoAnalysis, videoAnalysis]);
export type WorkerAnalysis = z.infer<typeof workerAnalysis>;

export const fileAnalysis = z.discriminatedUnion('source', [workerAnalysis, manualAnalysis]);
export type FileAnalysis = z.infer<typeof fileAnalysis>;
