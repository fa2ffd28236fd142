import { describe, expect, it } from 'vitest';
import { STAFF_KEY_ITEM, takeSignIn, type KeyStorage } from './staff-key.js';

const memory = (): KeyStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, v),
    removeItem: (k) => void items.delete(k),
  };
};

describe('takeSignIn', () => {
  it('stores the key from #signin= and sends the desk to the Submissions page', () => {
    const storage = memory();
    expect(takeSignIn('#signin=ed%2Bkey_123', storage)).toBe('#/submissions');
    expect(storage.items.get(STAFF_KEY_ITEM)).toBe('ed+key_123');
  });

  it('leaves other hashes alone', () => {
    const storage = memory();
    for (const hash of ['', '#/submissions', '#signin=', '#/upload?signin=x']) expect(takeSignIn(hash, storage)).toBeNull();
    expect(storage.items.size).toBe(0);
  });
});
