import { readFileSync } from 'node:fs';
import { imageAnalysisResult, type ImageAnalysisFeature, type ImageAnalysisResult } from '../../../contracts/classification.js';
import { RESULT_KEY_OF } from '../../../adapters/classifier/feature-results.js';

/**
 * recorded-response.json is Azure's answer for the docs' sample image `presentation.png` (1038×692, "a man pointing
 * at a screen"), put together from Microsoft's published outputs for that image:
 * - modelVersion, captionResult, readResult: the Image Analysis 4.0 REST quickstart, api-version 2023-10-01;
 * - tagsResult: the Image Analysis 4.0 quickstart (2023-02-01-preview) for the same image;
 * - objectsResult: the objects (person 0.905, television 0.808) of the same image in the v3.2 quickstart, in the 4.0
 *   shape (4.0 kept that detection model). peopleResult repeats the person's box and confidence: no recorded people
 *   result for this image was found.
 */
const RECORDED: ImageAnalysisResult = imageAnalysisResult.parse(
  JSON.parse(readFileSync(new URL('./recorded-response.json', import.meta.url), 'utf8')),
);

type Box = { x: number; y: number; w: number; h: number };
type Point = { x: number; y: number };

/**
 * The recorded answer for an image of `width`×`height`: metadata says the real size, every box and polygon is scaled
 * onto it (so coordinates stay inside the image), and only the requested features are in it, as Azure answers.
 */
export function recordedResponse(width: number, height: number, features: readonly ImageAnalysisFeature[]): Record<string, unknown> {
  const sx = width / RECORDED.metadata.width;
  const sy = height / RECORDED.metadata.height;
  const box = (b: Box): Box => ({ x: Math.round(b.x * sx), y: Math.round(b.y * sy), w: Math.round(b.w * sx), h: Math.round(b.h * sy) });
  const polygon = (points: Point[]): Point[] => points.map((p) => ({ x: Math.round(p.x * sx), y: Math.round(p.y * sy) }));
  const whole = { x: 0, y: 0, w: width, h: height };
  const caption = RECORDED.captionResult!;

  const results: Record<ImageAnalysisFeature, unknown> = {
    tags: RECORDED.tagsResult,
    caption,
    objects: { values: RECORDED.objectsResult!.values.map((o) => ({ ...o, boundingBox: box(o.boundingBox) })) },
    people: { values: RECORDED.peopleResult!.values.map((p) => ({ ...p, boundingBox: box(p.boundingBox) })) },
    read: {
      blocks: RECORDED.readResult!.blocks.map((block) => ({
        lines: block.lines.map((line) => ({
          ...line,
          boundingPolygon: polygon(line.boundingPolygon),
          words: line.words.map((w) => ({ ...w, boundingPolygon: polygon(w.boundingPolygon) })),
        })),
      })),
    },
    // Not in the recording: the whole-image caption and crop Azure always lists first.
    denseCaptions: { values: [{ ...caption, boundingBox: whole }] },
    smartCrops: { values: [{ aspectRatio: Math.round((width / height) * 100) / 100, boundingBox: whole }] },
  };
  const answer: Record<string, unknown> = { modelVersion: RECORDED.modelVersion, metadata: { width, height } };
  for (const feature of features) answer[RESULT_KEY_OF[feature]] = results[feature];
  return answer;
}
