import { MEDIA_TOPICS } from '../../contracts/media-topics.js';

const NAMES = new Map<string, string>(Object.values(MEDIA_TOPICS).map((t) => [t.code, t.label]));
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * A person may pick a topic by its code alone: a code of Newsdesk's vocabulary (contracts/media-topics.json) gets
 * its English name, so the client sees `{code, name}` as from a worker. Any other input is left for the schema to judge.
 */
export function withTopicNames(summary: unknown): unknown {
  if (!isRecord(summary) || !Array.isArray(summary.topics)) return summary;
  const topics = summary.topics.map((topic: unknown) =>
    isRecord(topic) && typeof topic.code === 'string' && topic.name === undefined && NAMES.has(topic.code)
      ? { ...topic, name: NAMES.get(topic.code) }
      : topic,
  );
  return { ...summary, topics };
}
