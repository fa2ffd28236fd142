import type { MediaTopic } from '../../contracts/classification.js';
import { confidence } from '../azure-shape/frame.js';
import type { Detections } from '../models/vision-models.js';
import { collectSignals, type Signals } from './signals.js';
import { MEDIA_TOPICS, type TopicKey } from '../../contracts/media-topics.js';
import { TOPIC_RULES, type Condition, type TopicRule } from './topics-table.js';

/** Topics less sure than this are not reported. */
export const MIN_TOPIC_CONFIDENCE = 0.25;

/**
 * IPTC Media Topics for one image, from the rules in topics-table.ts: each topic at the confidence of its surest rule,
 * with the evidence of every rule that held ("object sports ball 0.91", "3 people", "text POLICE 0.88"). Nothing
 * matched → no topics: a topic is never guessed.
 */
export function deriveTopics(detections: Detections, rules: readonly TopicRule[] = TOPIC_RULES): MediaTopic[] {
  const signals = collectSignals(detections);
  const found = new Map<TopicKey, { confidence: number; evidence: string[] }>();
  for (const rule of rules) {
    const met = rule.all.map((condition) => evaluate(condition, signals));
    if (met.some((m) => m === undefined)) continue;
    const score = rule.weight * Math.min(...met.map((m) => m!.score));
    const topic = found.get(rule.topic) ?? { confidence: 0, evidence: [] };
    topic.confidence = Math.max(topic.confidence, score);
    for (const line of met.flatMap((m) => m!.evidence)) if (!topic.evidence.includes(line)) topic.evidence.push(line);
    found.set(rule.topic, topic);
  }
  return [...found]
    .filter(([, t]) => t.confidence >= MIN_TOPIC_CONFIDENCE)
    .map(([key, t]) => ({ ...MEDIA_TOPICS[key], confidence: confidence(t.confidence), evidence: t.evidence }))
    .sort((a, b) => b.confidence - a.confidence || a.code.localeCompare(b.code));
}

/** A condition's score (its surest detection) and evidence, or undefined when it does not hold. */
function evaluate(condition: Condition, signals: Signals): { score: number; evidence: string[] } | undefined {
  const two = (n: number) => n.toFixed(2);
  if ('objects' in condition) {
    const best = strongest(
      signals.objects.filter((o) => condition.objects.includes(o.label)),
      (o) => o.score,
    );
    return best && { score: best.score, evidence: [`object ${best.label} ${two(best.score)}`] };
  }
  if ('words' in condition) {
    const best = strongest(
      signals.words.filter((w) => condition.words.includes(w.text)),
      (w) => w.confidence,
    );
    return best && { score: best.confidence, evidence: [`text ${best.text} ${two(best.confidence)}`] };
  }
  if ('people' in condition) {
    const nth = signals.people[condition.people - 1];
    const n = signals.people.length;
    return nth && { score: nth.score, evidence: [`${n} ${n === 1 ? 'person' : 'people'}`] };
  }
  const numbers = new Map<string, number>();
  for (const word of signals.words) {
    if (!/^\d{1,5}$/.test(word.text) || !signals.people.some((p) => inside(word.center, p.box))) continue;
    numbers.set(word.text, Math.max(word.confidence, numbers.get(word.text) ?? 0));
  }
  if (numbers.size < condition.numbersOnPeople) return undefined;
  const sure = [...numbers.values()].sort((a, b) => b - a)[condition.numbersOnPeople - 1]!;
  return { score: sure, evidence: [`numbers on people: ${[...numbers.keys()].join(', ')}`] };
}

function strongest<T>(items: T[], score: (item: T) => number): T | undefined {
  return items.reduce<T | undefined>((best, item) => (best === undefined || score(item) > score(best) ? item : best), undefined);
}

const inside = (p: { x: number; y: number }, b: { x: number; y: number; w: number; h: number }) =>
  p.x >= b.x && p.x <= b.x + b.w && p.y >= b.y && p.y <= b.y + b.h;
