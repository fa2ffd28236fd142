import type { ImageAnalysisResult } from '../../../contracts/classification.js';

/** A hand-made Image Analysis 4.0 result for unit tests of what consumes one: only what a test names, the rest empty. */
export function result(parts: {
  tags?: [string, number][];
  objects?: [string, number][];
  people?: number[];
  lines?: [string, number][];
  caption?: string;
  topics?: [string, string, number][];
}): ImageAnalysisResult {
  const box = { x: 0, y: 0, w: 10, h: 10 };
  const square = [
    { x: 0, y: 0 },
    { x: 1, y: 0 },
    { x: 1, y: 1 },
    { x: 0, y: 1 },
  ];
  return {
    modelVersion: '2023-10-01',
    metadata: { width: 640, height: 360 },
    ...(parts.caption ? { captionResult: { text: parts.caption, confidence: 0.8 } } : {}),
    tagsResult: { values: (parts.tags ?? []).map(([name, confidence]) => ({ name, confidence })) },
    objectsResult: { values: (parts.objects ?? []).map(([name, confidence]) => ({ boundingBox: box, tags: [{ name, confidence }] })) },
    peopleResult: { values: (parts.people ?? []).map((confidence) => ({ boundingBox: box, confidence })) },
    readResult: {
      blocks: [
        {
          lines: (parts.lines ?? []).map(([text, confidence]) => ({
            text,
            boundingPolygon: square,
            words: text.split(/\s+/).map((word) => ({ text: word, boundingPolygon: square, confidence })),
          })),
        },
      ],
    },
    ...(parts.topics
      ? { newsdesk: { topics: parts.topics.map(([code, label, confidence]) => ({ code, label, confidence, evidence: [] })) } }
      : {}),
  };
}
