import { deadLettersOfBlob } from './dead-letters-of-blob.js';
import type { EventDeadLetter } from './event-dead-letters.js';

/** The newest `limit` dead letters: blobs are read newest first, a batch at a time, until enough were found. */
export async function newestDeadLetters(
  blobs: { name: string; written: Date }[],
  read: (name: string) => Promise<unknown>,
  limit: number,
): Promise<EventDeadLetter[]> {
  const newest = [...blobs].sort((a, b) => b.written.getTime() - a.written.getTime() || b.name.localeCompare(a.name));
  const letters: EventDeadLetter[] = [];
  for (let i = 0; i < newest.length && letters.length < limit; i += limit) {
    const batch = newest.slice(i, i + limit);
    letters.push(...(await Promise.all(batch.map(async (b) => deadLettersOfBlob(await read(b.name), b.written)))).flat());
  }
  return letters.sort((a, b) => b.at.localeCompare(a.at)).slice(0, limit);
}
