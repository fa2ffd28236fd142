import { describe, expect, it } from 'vitest';
import { ImageAnalysisError } from '../errors.js';
import { parseAnalyzeQuery } from './parse-analyze-query.js';

const parse = (query: string) => parseAnalyzeQuery(new URLSearchParams(query));
const refusal = (query: string) => {
  try {
    parse(query);
  } catch (error) {
    expect(error).toBeInstanceOf(ImageAnalysisError);
    const { status, code, innerCode, message } = error as ImageAnalysisError;
    return { status, code, innerCode, message };
  }
  throw new Error(`${query} was accepted`);
};

describe('parseAnalyzeQuery', () => {
  it("reads features and Azure's defaults", () => {
    expect(parse('api-version=2023-10-01&features=tags,objects,people,read,caption')).toEqual({
      features: ['tags', 'objects', 'people', 'read', 'caption'],
      language: 'en',
      genderNeutralCaption: false,
      modelVersion: 'latest',
    });
  });

  it('matches feature names case-insensitively, keeps the first of duplicates, and ignores blanks', () => {
    expect(parse('api-version=2023-10-01&features=Tags, SMARTCROPS,,tags,denseCaptions').features).toEqual([
      'tags',
      'smartCrops',
      'denseCaptions',
    ]);
  });

  it('reads the optional parameters', () => {
    expect(
      parse(
        'api-version=2023-10-01&features=smartCrops&language=EN&gender-neutral-caption=True&smartcrops-aspect-ratios=0.75,1.8,1.8&model-version=2024-01-01',
      ),
    ).toEqual({
      features: ['smartCrops'],
      language: 'en',
      genderNeutralCaption: true,
      smartCropsAspectRatios: [0.75, 1.8],
      modelVersion: '2024-01-01',
    });
  });

  it("refuses a missing or unknown api-version with Azure's text, before looking at features", () => {
    expect(refusal('features=nonsense')).toEqual({
      status: 400,
      code: 'InvalidRequest',
      innerCode: 'InvalidApiVersion',
      message: "The requested api-version '' is not supported. Supported versions: 2023-10-01.",
    });
    expect(refusal('api-version=2023-04-01-preview&features=tags').message).toContain("'2023-04-01-preview'");
  });

  it("refuses a request without features with Azure's text", () => {
    expect(refusal('api-version=2023-10-01')).toEqual({
      status: 400,
      code: 'InvalidRequest',
      innerCode: undefined,
      message: "Either 'features' or 'model-name' needs to be specified in the query parameter.",
    });
    expect(refusal('api-version=2023-10-01&features=,').code).toBe('InvalidRequest');
  });

  it('refuses an unknown feature as NotSupportedVisualFeature, naming it', () => {
    expect(refusal('api-version=2023-10-01&features=tags,faces')).toEqual({
      status: 400,
      code: 'InvalidRequest',
      innerCode: 'NotSupportedVisualFeature',
      message: "The feature 'faces' is not supported. Supported features: tags, objects, caption, denseCaptions, read, smartCrops, people.",
    });
  });

  it('refuses custom models, which this service does not have', () => {
    expect(refusal('api-version=2023-10-01&model-name=my-model').innerCode).toBe('InvalidModel');
  });

  it('refuses languages other than English as NotSupportedLanguage, and a malformed one as BadArgument', () => {
    expect(refusal('api-version=2023-10-01&features=tags&language=fr')).toMatchObject({
      innerCode: 'NotSupportedLanguage',
      message: "The language 'fr' is not supported by this service. Supported languages: en.",
    });
    expect(refusal('api-version=2023-10-01&features=tags&language=english').innerCode).toBe('BadArgument');
  });

  it('refuses a gender-neutral-caption that is not a boolean', () => {
    expect(refusal('api-version=2023-10-01&features=caption&gender-neutral-caption=yes')).toMatchObject({
      innerCode: 'BadArgument',
      message: "The value 'yes' of the query parameter 'gender-neutral-caption' is not valid: true or false.",
    });
  });

  it.each(['0.5', '1.81', 'wide', '1,,2', Array.from({ length: 11 }, () => '1').join(',')])(
    'refuses smartcrops-aspect-ratios=%s (Azure: 0.75 to 1.8)',
    (ratios) => {
      expect(refusal(`api-version=2023-10-01&features=smartCrops&smartcrops-aspect-ratios=${ratios}`).innerCode).toBe('BadArgument');
    },
  );
});
