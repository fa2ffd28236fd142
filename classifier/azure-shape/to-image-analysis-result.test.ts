import { describe, expect, it } from 'vitest';
import { imageAnalysisResult } from '../../contracts/classification.js';
import type { Detections } from '../models/vision-models.js';
import { toImageAnalysisResult, type ResultParts } from './to-image-analysis-result.js';

const square = (x: number, y: number, s: number) => [
  { x, y },
  { x: x + s, y },
  { x: x + s, y: y + s },
  { x, y: y + s },
];
const detections: Detections = {
  objects: [
    { box: { x: 10, y: 20, w: 100, h: 50 }, label: 'car', score: 0.912345 },
    { box: { x: 190, y: 90, w: 40, h: 40 }, label: 'dog', score: 1.2 },
  ],
  people: [{ box: { x: -5, y: 0, w: 50, h: 120 }, score: 0.8 }],
  text: {
    lines: [{ text: 'POLICE 308', polygon: square(5, 5, 20), words: [{ text: 'POLICE', polygon: square(5, 5, 10), confidence: 0.9 }] }],
  },
  safety: { Neutral: 0.97, Porn: 0.01, Hentai: 0, Sexy: 0.02, Drawing: 0 },
};
// The models saw a 200×100 copy of a 400×200 picture.
const parts = (overrides: Partial<ResultParts>): ResultParts => ({
  features: ['tags', 'objects', 'people', 'read'],
  modelVersion: 'newsdesk-test-1',
  picture: { width: 400, height: 200 },
  seen: { width: 200, height: 100 },
  detections,
  topics: [],
  ...overrides,
});

describe('toImageAnalysisResult', () => {
  it('answers in the Image Analysis 4.0 shape, in the picture frame, confidences 0–1', () => {
    const result = toImageAnalysisResult(parts({}));
    expect(imageAnalysisResult.safeParse(result).error).toBeUndefined();
    expect(result).toMatchObject({
      modelVersion: 'newsdesk-test-1',
      metadata: { width: 400, height: 200 },
      objectsResult: {
        values: [
          { boundingBox: { x: 20, y: 40, w: 200, h: 100 }, tags: [{ name: 'car', confidence: 0.9123 }] },
          // Clipped to the picture, confidence capped at 1.
          { boundingBox: { x: 380, y: 180, w: 20, h: 20 }, tags: [{ name: 'dog', confidence: 1 }] },
        ],
      },
      peopleResult: { values: [{ boundingBox: { x: 0, y: 0, w: 90, h: 200 }, confidence: 0.8 }] },
      readResult: {
        blocks: [
          {
            lines: [
              {
                text: 'POLICE 308',
                boundingPolygon: square(10, 10, 40),
                words: [{ text: 'POLICE', boundingPolygon: square(10, 10, 20), confidence: 0.9 }],
              },
            ],
          },
        ],
      },
    });
    expect(result.tagsResult?.values.map((t) => t.name)).toEqual(['dog', 'car', 'text', 'person']);
  });

  it('answers only the requested features, as Azure omits the others', () => {
    const result = toImageAnalysisResult(parts({ features: ['read'] }));
    expect(Object.keys(result).sort()).toEqual(['metadata', 'modelVersion', 'newsdesk', 'readResult']);
  });

  it('answers an empty read as no blocks, and empty lists when nothing was found', () => {
    const result = toImageAnalysisResult(parts({ features: ['tags', 'objects', 'people', 'read'], detections: {} }));
    expect(result).toMatchObject({
      tagsResult: { values: [] },
      objectsResult: { values: [] },
      peopleResult: { values: [] },
      readResult: { blocks: [] },
    });
  });

  it('drops boxes that fall wholly outside the picture', () => {
    const outside: Detections = { objects: [{ box: { x: 250, y: 10, w: 20, h: 20 }, label: 'kite', score: 0.7 }] };
    expect(toImageAnalysisResult(parts({ features: ['objects'], detections: outside })).objectsResult).toEqual({ values: [] });
  });

  it('puts topics and the content-safety verdict under newsdesk, and smartCrops when asked', () => {
    const topic = { code: 'medtop:15000000', label: 'sport', confidence: 0.8, evidence: ['3 people'] };
    const safety = { verdict: 'safe' as const, adultScore: 0.01, racyScore: 0.02, scores: { Neutral: 0.97 } };
    const crops = [{ aspectRatio: 1, boundingBox: { x: 0, y: 0, w: 200, h: 200 } }];
    const result = toImageAnalysisResult(parts({ features: ['smartCrops'], topics: [topic], contentSafety: safety, smartCrops: crops }));
    expect(result.newsdesk).toEqual({ topics: [topic], contentSafety: safety });
    expect(result.smartCropsResult).toEqual({ values: crops });
  });
});
