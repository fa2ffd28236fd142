import { confidence } from '../azure-shape/frame.js';

export type SafetyVerdict = 'safe' | 'suggestive' | 'explicit';

export interface ContentSafety {
  verdict: SafetyVerdict;
  /** Sexual content: the safety model's Porn and Hentai classes together. */
  adultScore: number;
  /** Suggestive, not explicit: its Sexy class. */
  racyScore: number;
  /** The model's classes as it gave them, for a reader who wants to set other thresholds. */
  scores: Record<string, number>;
}

/**
 * Thresholds of the verdict (Newsdesk extension `newsdesk.contentSafety`; Azure's 4.0 API has no such feature):
 * - explicit: adultScore ≥ 0.6;
 * - suggestive: racyScore ≥ 0.5, or adultScore ≥ 0.25;
 * - safe: anything else.
 * Chosen to send borderline images to a person (suggestive) rather than let them through: a wire photo of a beach or
 * a museum's nude is suggestive at worst, and a person decides.
 */
export const SAFETY_THRESHOLDS = { explicitAdult: 0.6, suggestiveRacy: 0.5, suggestiveAdult: 0.25 } as const;

/** The verdict from the safety model's classes (nsfwjs: Drawing, Hentai, Neutral, Porn, Sexy; matched case-insensitively). */
export function contentSafety(classes: Record<string, number>): ContentSafety {
  const score = (name: string) => Object.entries(classes).find(([k]) => k.toLowerCase() === name)?.[1] ?? 0;
  const adultScore = confidence(score('porn') + score('hentai'));
  const racyScore = confidence(score('sexy'));
  const verdict: SafetyVerdict =
    adultScore >= SAFETY_THRESHOLDS.explicitAdult
      ? 'explicit'
      : racyScore >= SAFETY_THRESHOLDS.suggestiveRacy || adultScore >= SAFETY_THRESHOLDS.suggestiveAdult
        ? 'suggestive'
        : 'safe';
  return { verdict, adultScore, racyScore, scores: Object.fromEntries(Object.entries(classes).map(([k, v]) => [k, confidence(v)])) };
}
