import { describe, expect, it } from 'vitest';
import { ImageAnalysisError } from '../errors.js';
import type { Detector } from '../models/vision-models.js';
import { planDetectors, servedFeatures } from './plan-detectors.js';

const all = new Set<Detector>(['objects', 'people', 'read', 'safety']);

describe('planDetectors', () => {
  it('runs only what the features need, and content safety whenever it is loaded', () => {
    expect(planDetectors(['objects'], all)).toEqual(new Set(['objects', 'safety']));
    expect(planDetectors(['people', 'read'], all)).toEqual(new Set(['people', 'read', 'safety']));
    expect(planDetectors(['smartCrops'], new Set(['objects', 'read']))).toEqual(new Set(['objects']));
    expect(planDetectors(['smartCrops'], new Set())).toEqual(new Set());
  });

  it('derives tags from every detector loaded', () => {
    expect(planDetectors(['tags'], all)).toEqual(new Set(['objects', 'people', 'read', 'safety']));
    expect(planDetectors(['tags'], new Set(['people']))).toEqual(new Set(['people']));
  });

  it('refuses captions: there is no captioning model, and it says so', () => {
    const error = (() => {
      try {
        planDetectors(['tags', 'caption'], all);
      } catch (e) {
        return e as ImageAnalysisError;
      }
    })();
    expect(error).toBeInstanceOf(ImageAnalysisError);
    expect(error).toMatchObject({
      status: 400,
      code: 'InvalidRequest',
      innerCode: 'NotSupportedFeature',
      message:
        "The feature 'caption' is not supported by this service: it has no captioning model. Supported features here: tags, objects, people, read, smartCrops.",
    });
    expect(() => planDetectors(['denseCaptions'], all)).toThrow(/'denseCaptions' is not supported by this service/);
  });

  it('refuses a feature whose detector is not loaded', () => {
    expect(() => planDetectors(['read'], new Set(['objects']))).toThrow(
      "The feature 'read' is not supported by this service: its models do not include read detection. Supported features here: tags, objects, smartCrops.",
    );
    expect(() => planDetectors(['tags'], new Set(['read']))).toThrow(/do not include objects or people detection/);
  });

  it('lists the served features', () => {
    expect(servedFeatures(all)).toEqual(['tags', 'objects', 'people', 'read', 'smartCrops']);
    expect(servedFeatures(new Set())).toEqual(['smartCrops']);
  });
});
