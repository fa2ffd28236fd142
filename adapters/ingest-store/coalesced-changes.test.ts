import { describe, expect, it } from 'vitest';
import { CoalescedChanges } from './coalesced-changes.js';

/** A record store with one slow read-change-write, counting its turns. */
function store(initial: number[] | undefined) {
  let record = initial;
  let turns = 0;
  const changes = new CoalescedChanges<number[]>(async (_key, change) => {
    turns++;
    if (record === undefined) return undefined;
    const next = change(record);
    await new Promise((r) => setTimeout(r, 5));
    if (next !== undefined) record = next;
    return next;
  });
  return { changes, record: () => record, turns: () => turns };
}

describe('CoalescedChanges', () => {
  it('applies 100 changes that arrive together in a few turns, every one of them, in arrival order', async () => {
    const s = store([]);
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => s.changes.change('sub-1', (r) => [...r, i])));
    expect(s.record()).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(s.turns()).toBeLessThanOrEqual(2);
    expect(results.every((r) => r?.length === 100 || r?.length === 1)).toBe(true);
  });

  it('answers undefined to a change that wrote nothing, and the record to the others of its turn', async () => {
    const s = store([1]);
    const [kept, skipped] = await Promise.all([s.changes.change('k', (r) => [...r, 2]), s.changes.change('k', () => undefined)]);
    expect(kept).toEqual([1, 2]);
    expect(skipped).toBeUndefined();
  });

  it('answers undefined when there is no record, and keeps serving the key afterwards', async () => {
    const s = store(undefined);
    expect(await s.changes.change('gone', (r) => [...r, 1])).toBeUndefined();
    expect(await s.changes.change('gone', (r) => [...r, 2])).toBeUndefined();
  });

  it('fails every change of a turn whose write failed, and the next turn still runs', async () => {
    let fail = true;
    const changes = new CoalescedChanges<number>(async (_key, change) => {
      if (fail) {
        fail = false;
        throw new Error('storage down');
      }
      return change(1);
    });
    await expect(changes.change('k', (n) => n + 1)).rejects.toThrow('storage down');
    await expect(changes.change('k', (n) => n + 1)).resolves.toBe(2);
  });
});
