import type { ImageAnalysisFeature } from '../../contracts/classification.js';
import { imageAnalysisErrors } from '../errors.js';
import type { Detector } from '../models/vision-models.js';

/**
 * What each feature needs from the models. `tags` are derived from everything detected (see derive-tags.ts), so they
 * use whichever of these detectors are loaded; smartCrops keeps what objects and people detection found, or falls back on libvips' saliency (smart-crops.ts).
 * Captions need a captioning model, which this service does not have.
 */
const NEEDS: Record<ImageAnalysisFeature, { anyOf: Detector[]; uses?: Detector[] } | { missing: string }> = {
  tags: { anyOf: ['objects', 'people'], uses: ['objects', 'people', 'read'] },
  objects: { anyOf: ['objects'] },
  people: { anyOf: ['people'] },
  read: { anyOf: ['read'] },
  smartCrops: { anyOf: [], uses: ['objects', 'people'] },
  caption: { missing: 'it has no captioning model' },
  denseCaptions: { missing: 'it has no captioning model' },
};

/** The features these detectors can answer. */
export function servedFeatures(loaded: ReadonlySet<Detector>): ImageAnalysisFeature[] {
  return (Object.keys(NEEDS) as ImageAnalysisFeature[]).filter((f) => whyNot(f, loaded) === undefined);
}

/**
 * The detectors to run for these features (content safety always, when loaded: it feeds the `newsdesk` extension).
 * A feature the models cannot serve is refused with 400 NotSupportedFeature, never answered with made-up output.
 */
export function planDetectors(features: readonly ImageAnalysisFeature[], loaded: ReadonlySet<Detector>): Set<Detector> {
  const wanted = new Set<Detector>();
  for (const feature of features) {
    const why = whyNot(feature, loaded);
    if (why !== undefined) throw imageAnalysisErrors.unservedFeature(feature, why, servedFeatures(loaded));
    const need = NEEDS[feature];
    if ('missing' in need) continue;
    for (const detector of need.uses ?? need.anyOf) if (loaded.has(detector)) wanted.add(detector);
  }
  if (loaded.has('safety')) wanted.add('safety');
  return wanted;
}

function whyNot(feature: ImageAnalysisFeature, loaded: ReadonlySet<Detector>): string | undefined {
  const need = NEEDS[feature];
  if ('missing' in need) return need.missing;
  if (need.anyOf.length > 0 && !need.anyOf.some((d) => loaded.has(d)))
    return `its models do not include ${need.anyOf.join(' or ')} detection`;
  return undefined;
}
