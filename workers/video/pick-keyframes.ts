export interface KeyframeCandidate {
  timestampSeconds: number;
  /** null for the opening frame. */
  sceneScore: number | null;
}

export interface PickOptions {
  max: number;
  durationSeconds: number;
  /** Scene changes closer together than this count as one (the strongest stands for the others). */
  minGapSeconds: number;
}

/**
 * At most `max` of the candidates (given in time order), returned in time order. The first is always
 * kept. Then the strongest scene changes win over weaker ones within `minGapSeconds` of them: a flash
 * or a fast pan trips the threshold on several frames in a row, and one frame says it. When more
 * remain than fit, the timeline after the first is cut into `max - 1` equal spans and each span gives
 * its strongest, so a burst of cuts in one minute does not crowd out the rest of the video; spans with
 * none leave their places to the strongest of the rest.
 */
export function pickKeyframes<T extends KeyframeCandidate>(candidates: readonly T[], options: PickOptions): T[] {
  const [first, ...rest] = candidates;
  if (!first || options.max < 1) return [];
  if (options.max === 1) return [first];
  const byStrength = [...rest].sort((a, b) => score(b) - score(a) || a.timestampSeconds - b.timestampSeconds);

  const separated: T[] = [];
  for (const candidate of byStrength) {
    const near = (other: T) => Math.abs(other.timestampSeconds - candidate.timestampSeconds) < options.minGapSeconds;
    if (!near(first) && !separated.some(near)) separated.push(candidate);
  }

  const slots = options.max - 1;
  let chosen = separated;
  if (separated.length > slots) {
    const start = first.timestampSeconds;
    const span = Math.max(options.durationSeconds - start, Number.EPSILON) / slots;
    const spanOf = (c: T) => Math.min(slots - 1, Math.floor((c.timestampSeconds - start) / span));
    chosen = [];
    const filled = new Set<number>();
    for (const candidate of separated) {
      if (filled.has(spanOf(candidate))) continue;
      filled.add(spanOf(candidate));
      chosen.push(candidate);
    }
    for (const candidate of separated) {
      if (chosen.length >= slots) break;
      if (!chosen.includes(candidate)) chosen.push(candidate);
    }
  }
  return [first, ...chosen].sort((a, b) => a.timestampSeconds - b.timestampSeconds);
}

function score(candidate: KeyframeCandidate): number {
  return candidate.sceneScore ?? 0;
}
