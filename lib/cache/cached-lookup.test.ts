import { describe, expect, it } from 'vitest';
import { cachedLookup } from './cached-lookup.js';

const setup = (maxEntries = 10) => {
  let t = 0;
  const asked: string[] = [];
  const known = new Map([
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ]);
  const lookup = cachedLookup(
    async (key: string) => {
      asked.push(key);
      return known.get(key);
    },
    { ttlMs: 1000, maxEntries, now: () => t },
  );
  return { lookup, asked, known, advance: (ms: number) => (t += ms) };
};

describe('cachedLookup', () => {
  it('serves a found value from the cache until it expires', async () => {
    const { lookup, asked, known, advance } = setup();
    expect(await lookup('a')).toBe(1);
    known.set('a', 10);
    advance(999);
    expect(await lookup('a')).toBe(1);
    advance(1);
    expect(await lookup('a')).toBe(10);
    expect(asked).toEqual(['a', 'a']);
  });

  it('asks again for what was not found', async () => {
    const { lookup, asked, known } = setup();
    expect(await lookup('new')).toBeUndefined();
    known.set('new', 4);
    expect(await lookup('new')).toBe(4);
    expect(asked).toEqual(['new', 'new']);
  });

  it('keeps at most maxEntries values, dropping the oldest', async () => {
    const { lookup, asked } = setup(2);
    await lookup('a');
    await lookup('b');
    await lookup('c');
    await lookup('b');
    await lookup('a');
    expect(asked).toEqual(['a', 'b', 'c', 'a']);
  });

  it('refuses a size below 1', () => {
    expect(() => cachedLookup(async () => 1, { ttlMs: 1, maxEntries: 0 })).toThrow(RangeError);
  });
});
