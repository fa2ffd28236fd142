import { IMAGE_ANALYSIS_FEATURES, type ImageAnalysisFeature } from '../../contracts/classification.js';
import { imageAnalysisErrors } from '../errors.js';

/** The api-versions whose response shape this service speaks (Azure's GA version of the 4.0 analyze operation). */
export const SUPPORTED_API_VERSIONS = ['2023-10-01'] as const;

export interface AnalyzeQuery {
  /** Requested features, deduplicated, in Azure's spelling. */
  features: ImageAnalysisFeature[];
  /** Two-letter code; Azure's default is `en`. */
  language: string;
  genderNeutralCaption: boolean;
  /** Present only when the request gave some. */
  smartCropsAspectRatios?: number[];
  /** `latest` or a model version; checked against the loaded models by the caller. */
  modelVersion: string;
}

const BY_LOWER_CASE = new Map(IMAGE_ANALYSIS_FEATURES.map((f) => [f.toLowerCase(), f]));

/**
 * Reads the analyze operation's query string, checking in Azure's order: api-version, then features (required, each
 * one Azure knows), then the optional parameters. Throws the ImageAnalysisError Azure would answer.
 * Feature names match case-insensitively (`Caption` as the SDKs' enums print it, `caption` as the REST samples send it).
 */
export function parseAnalyzeQuery(params: URLSearchParams): AnalyzeQuery {
  const apiVersion = params.get('api-version');
  if (!(SUPPORTED_API_VERSIONS as readonly (string | null)[]).includes(apiVersion)) {
    throw imageAnalysisErrors.apiVersion(apiVersion, SUPPORTED_API_VERSIONS);
  }

  if (params.has('model-name')) throw imageAnalysisErrors.modelName();
  const names = (params.get('features') ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (names.length === 0) throw imageAnalysisErrors.noFeatures();
  const features: ImageAnalysisFeature[] = [];
  for (const name of names) {
    const feature = BY_LOWER_CASE.get(name.toLowerCase());
    if (feature === undefined) throw imageAnalysisErrors.unknownFeature(name);
    if (!features.includes(feature)) features.push(feature);
  }

  const language = (params.get('language') ?? 'en').trim().toLowerCase();
  if (!/^[a-z]{2}(-[a-z]{2,4})?$/.test(language)) throw imageAnalysisErrors.badArgument('language', language, 'a two-letter language code');
  if (language !== 'en') throw imageAnalysisErrors.language(language);

  const neutral = (params.get('gender-neutral-caption') ?? 'false').trim().toLowerCase();
  if (neutral !== 'true' && neutral !== 'false') throw imageAnalysisErrors.badArgument('gender-neutral-caption', neutral, 'true or false');

  const ratios = params.get('smartcrops-aspect-ratios');
  return {
    features,
    language,
    genderNeutralCaption: neutral === 'true',
    ...(ratios !== null ? { smartCropsAspectRatios: parseAspectRatios(ratios) } : {}),
    modelVersion: params.get('model-version')?.trim() || 'latest',
  };
}

/** Azure: "Supported values are between 0.75 and 1.8 (inclusive)", width divided by height. */
function parseAspectRatios(text: string): number[] {
  const parts = text.split(',').map((r) => r.trim());
  const ratios = parts.map(Number);
  const expected = 'comma-separated numbers from 0.75 to 1.8, at most 10';
  if (parts.length > 10 || parts.some((p) => p === '') || ratios.some((r) => !Number.isFinite(r) || r < 0.75 || r > 1.8)) {
    throw imageAnalysisErrors.badArgument('smartcrops-aspect-ratios', text, expected);
  }
  return [...new Set(ratios)];
}
