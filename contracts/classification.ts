import { z } from 'zod';

/**
 * The Azure AI Vision Image Analysis 4.0 result (api-version 2023-10-01), as the worker's
 * `Classifier` adapter receives it from Azure or from Newsdesk's own classifier service. Fields
 * and nesting follow Azure; extensions Azure does not have live under `newsdesk`.
 */
export const IMAGE_ANALYSIS_FEATURES = ['tags', 'objects', 'people', 'read', 'caption', 'denseCaptions', 'smartCrops'] as const;
export const imageAnalysisFeature = z.enum(IMAGE_ANALYSIS_FEATURES);
export type ImageAnalysisFeature = z.infer<typeof imageAnalysisFeature>;

const confidence = z.number().min(0).max(1);
const boundingBox = z.object({ x: z.number(), y: z.number(), w: z.number(), h: z.number() });
const point = z.object({ x: z.number(), y: z.number() });
const tag = z.object({ name: z.string(), confidence });

/** IPTC Media Topic derived by the classifier (Newsdesk extension: classifier/topics/derive-topics.ts). */
export const mediaTopic = z.object({
  /** e.g. `medtop:15000000` */
  code: z.string().regex(/^medtop:\d{8}$/),
  label: z.string(),
  confidence,
  evidence: z.array(z.string()),
});
export type MediaTopic = z.infer<typeof mediaTopic>;

export const imageAnalysisResult = z
  .object({
    modelVersion: z.string(),
    metadata: z.object({ width: z.number().int().positive(), height: z.number().int().positive() }),
    captionResult: z.object({ text: z.string(), confidence }).optional(),
    tagsResult: z.object({ values: z.array(tag) }).optional(),
    objectsResult: z.object({ values: z.array(z.object({ boundingBox, tags: z.array(tag) })) }).optional(),
    peopleResult: z.object({ values: z.array(z.object({ boundingBox, confidence })) }).optional(),
    readResult: z
      .object({
        blocks: z.array(
          z.object({
            lines: z.array(
              z.object({
                text: z.string(),
                boundingPolygon: z.array(point),
                words: z.array(z.object({ text: z.string(), boundingPolygon: z.array(point), confidence })),
              }),
            ),
          }),
        ),
      })
      .optional(),
    newsdesk: z
      .object({
        topics: z.array(mediaTopic).optional(),
        contentSafety: z.record(z.string(), z.unknown()).optional(),
      })
      .loose()
      .optional(),
  })
  .loose();
export type ImageAnalysisResult = z.infer<typeof imageAnalysisResult>;

/** Azure AI services' error body: `{ error: { code, message } }`. */
export const azureErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }).loose() });
export type AzureErrorBody = z.infer<typeof azureErrorBody>;
