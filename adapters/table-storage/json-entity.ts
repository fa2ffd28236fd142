// A string property holds at most 64 KiB of UTF-16 (32K chars) and an entity 1 MiB: large
// documents need several properties, and past ~900 KB they do not fit at all.
const CHUNK_CHARS = 30_000;
const MAX_CHUNKS = 15;

export type JsonEntity = Record<string, unknown>;

/**
 * A value as table-entity properties: JSON with every non-ASCII character written as \uXXXX,
 * split over json0..jsonN (`parts` says how many). ASCII only because Azurite decodes each
 * network chunk of a request separately, corrupting a multi-byte character that straddles two
 * chunks; it also means a split never falls inside a surrogate pair. JSON.parse reads it back unchanged.
 */
export function packJson(value: unknown): JsonEntity {
  const json = JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const parts = Math.max(1, Math.ceil(json.length / CHUNK_CHARS));
  if (parts > MAX_CHUNKS) throw new RangeError(`A record of ${json.length} characters is too large for a table entity.`);
  const doc: JsonEntity = { parts };
  for (let i = 0; i < parts; i++) doc[`json${i}`] = json.slice(i * CHUNK_CHARS, (i + 1) * CHUNK_CHARS);
  return doc;
}

/** The value back; also reads entities written before `parts` existed (json0.. or a single `json`). */
export function unpackJson<T>(doc: JsonEntity): T {
  if (typeof doc.parts === 'number') return JSON.parse(Array.from({ length: doc.parts }, (_, i) => doc[`json${i}`]).join('')) as T;
  let text = typeof doc.json === 'string' ? doc.json : '';
  for (let i = 0; typeof doc[`json${i}`] === 'string'; i++) text += doc[`json${i}`] as string;
  return JSON.parse(text) as T;
}
