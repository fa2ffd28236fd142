import { describe, expect, it } from 'vitest';
import { mediaTopic } from '../../contracts/classification.js';
import type { Box, Detections, Point } from '../models/vision-models.js';
import { deriveTopics, MIN_TOPIC_CONFIDENCE } from './derive-topics.js';
import { MEDIA_TOPICS } from '../../contracts/media-topics.js';
import { TOPIC_RULES, type TopicRule } from './topics-table.js';

const at = (x: number, y: number, w = 10, h = 10): Point[] => [
  { x, y },
  { x: x + w, y },
  { x: x + w, y: y + h },
  { x, y: y + h },
];
const personBox: Box = { x: 0, y: 0, w: 100, h: 200 };
const people = (n: number, score = 0.9) => Array.from({ length: n }, () => ({ box: personBox, score }));
const objects = (...labels: [string, number][]) => labels.map(([label, score]) => ({ box: { x: 0, y: 0, w: 50, h: 50 }, label, score }));
const words = (...items: [string, number, Point[]?][]) => ({
  lines: [
    {
      text: items.map(([t]) => t).join(' '),
      polygon: at(0, 0),
      words: items.map(([text, confidence, polygon]) => ({ text, confidence, polygon: polygon ?? at(500, 500) })),
    },
  ],
});
const codes = (d: Detections) => deriveTopics(d).map((t) => t.code);

/** The least a rule needs, each piece of evidence at 0.9. */
function satisfying(rule: TopicRule): Detections {
  const d: Required<Pick<Detections, 'objects' | 'people'>> & { words: [string, number, Point[]?][] } = {
    objects: [],
    people: [],
    words: [],
  };
  for (const condition of rule.all) {
    if ('objects' in condition) d.objects.push(...objects([condition.objects[0]!, 0.9]));
    else if ('words' in condition) d.words.push([condition.words[0]!, 0.9]);
    else if ('people' in condition) d.people.push(...people(Math.max(0, condition.people - d.people.length)));
    else {
      if (d.people.length === 0) d.people.push(...people(1));
      for (let i = 0; i < condition.numbersOnPeople; i++) d.words.push([String(100 + i), 0.9, at(20, 20 + 20 * i)]);
    }
  }
  return { objects: d.objects, people: d.people, ...(d.words.length ? { text: words(...d.words) } : {}) };
}

describe('deriveTopics', () => {
  it('uses only real Media Topic codes, and every rule names a topic of the table once', () => {
    for (const topic of Object.values(MEDIA_TOPICS)) expect(mediaTopic.shape.code.safeParse(topic.code).success).toBe(true);
    expect(new Set(TOPIC_RULES.map((r) => r.id)).size).toBe(TOPIC_RULES.length);
    for (const rule of TOPIC_RULES) expect(MEDIA_TOPICS).toHaveProperty(rule.topic);
  });

  it.each(TOPIC_RULES.map((rule) => [rule.id, rule] as const))('%s: holds on its evidence, at weight × its weakest score', (_, rule) => {
    const topic = deriveTopics(satisfying(rule)).find((t) => t.code === MEDIA_TOPICS[rule.topic].code);
    expect(topic).toBeDefined();
    expect(topic!.label).toBe(MEDIA_TOPICS[rule.topic].label);
    // Another rule of the same topic may be surer; never less sure than this one.
    expect(topic!.confidence).toBeGreaterThanOrEqual(Math.round(rule.weight * 0.9 * 1e4) / 1e4);
    expect(topic!.evidence.length).toBeGreaterThan(0);
  });

  it.each(TOPIC_RULES.filter((r) => r.all.length > 1).map((rule) => [rule.id, rule] as const))(
    '%s: does not hold on part of its evidence',
    (_, rule) => {
      const part: TopicRule = { ...rule, all: rule.all.slice(0, -1) };
      const withoutLast = satisfying(part);
      expect(deriveTopics(withoutLast, [rule])).toEqual([]);
    },
  );

  it('finds nothing in a cat, a landscape, or one person: no topic is guessed', () => {
    expect(deriveTopics({ objects: objects(['cat', 0.95]) })).toEqual([]);
    expect(deriveTopics({})).toEqual([]);
    expect(deriveTopics({ people: people(1), objects: objects(['person', 0.9], ['tie', 0.8]) })).toEqual([]);
  });

  it('sports equipment with people → sport, naming the evidence', () => {
    expect(deriveTopics({ objects: objects(['tennis racket', 0.8], ['sports ball', 0.6]), people: people(2, 0.95) })).toEqual([
      { code: 'medtop:15000000', label: 'sport', confidence: 0.72, evidence: ['object tennis racket 0.80', '2 people'] },
    ]);
  });

  it('police cars (POLICE and a car) → crime, law and justice; riot police (POLICE and a crowd) → also conflict', () => {
    const policeCars = deriveTopics({ objects: objects(['car', 0.9]), text: words(['POLICE', 0.8]) });
    expect(policeCars).toEqual([
      { code: 'medtop:02000000', label: 'crime, law and justice', confidence: 0.6, evidence: ['text POLICE 0.80', 'object car 0.90'] },
    ]);
    expect(codes({ people: people(13), text: words(['Police,', 0.85]) })).toEqual(['medtop:02000000', 'medtop:16000000']);
  });

  it('vehicles with fire or smoke → disaster, accident and emergency incident', () => {
    expect(codes({ objects: objects(['truck', 0.8], ['smoke', 0.7]) })).toEqual(['medtop:03000000']);
    expect(codes({ objects: objects(['truck', 0.8]), text: words(['AMBULANCE', 0.9]) })).toEqual(['medtop:03000000']);
    expect(codes({ objects: objects(['truck', 0.8]) })).toEqual([]);
  });

  it('race bibs: numbers read on three or more people → sport; numbers elsewhere do not count', () => {
    const onBibs = words(['308', 0.8, at(20, 40)], ['365', 0.7, at(30, 60)]);
    expect(deriveTopics({ people: people(3), text: onBibs })).toEqual([
      { code: 'medtop:15000000', label: 'sport', confidence: 0.49, evidence: ['numbers on people: 308, 365', '3 people'] },
    ]);
    expect(deriveTopics({ people: people(3), text: words(['1000', 0.9], ['1201', 0.9]) })).toEqual([]);
  });

  it('matches whole words only, ignores unsure words, unsure detections and unsure people', () => {
    expect(deriveTopics({ text: words(['POLICEMAN', 0.9]) })).toEqual([]);
    expect(deriveTopics({ text: words(['POLICE', 0.4]) })).toEqual([]);
    expect(deriveTopics({ objects: objects(['sports ball', 0.25]), people: people(1) })).toEqual([]);
    expect(deriveTopics({ objects: objects(['sports ball', 0.9]), people: people(1, 0.25) })).toEqual([]);
  });

  it('takes the surest rule of a topic and merges the evidence of all that held', () => {
    const [topic] = deriveTopics({ objects: objects(['car', 0.9]), text: words(['POLICE', 0.9], ['JAIL', 0.9]) });
    expect(topic).toMatchObject({ code: 'medtop:02000000', confidence: 0.675 });
    expect(topic!.evidence).toEqual(['text POLICE 0.90', 'object car 0.90', 'text JAIL 0.90']);
  });

  it(`leaves out topics under ${MIN_TOPIC_CONFIDENCE}`, () => {
    // weather.umbrellas-among-people: 0.35 × 0.6 = 0.21.
    expect(deriveTopics({ objects: objects(['umbrella', 0.6]), people: people(2) })).toEqual([]);
  });
});
