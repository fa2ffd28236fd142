import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey, sameHash } from './api-key.js';

describe('generateApiKey', () => {
  it('is nd_ and 32 random bytes in base64url', () => {
    const key = generateApiKey();
    expect(key).toMatch(/^nd_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
  });

  it('never repeats', () => {
    const keys = new Set(Array.from({ length: 1000 }, generateApiKey));
    expect(keys.size).toBe(1000);
  });
});

describe('hashApiKey', () => {
  it('is the SHA-256 hex of the key', () => {
    // Known answer: SHA-256("abc").
    expect(hashApiKey('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const key = generateApiKey();
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hashApiKey(key)).not.toContain(key.slice(3));
  });
});

describe('sameHash', () => {
  const key = generateApiKey();
  const stored = hashApiKey(key);

  it('matches the hash of the same key, in either case', () => {
    expect(sameHash(hashApiKey(key), stored)).toBe(true);
    expect(sameHash(stored.toUpperCase(), stored)).toBe(true);
  });

  it('rejects another key, one changed character, and the raw key', () => {
    expect(sameHash(hashApiKey(generateApiKey()), stored)).toBe(false);
    expect(sameHash(hashApiKey(`${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`), stored)).toBe(false);
    const flipped = `${stored.slice(0, -1)}${stored.endsWith('0') ? '1' : '0'}`;
    expect(sameHash(flipped, stored)).toBe(false);
    expect(sameHash(key, stored)).toBe(false);
  });

  it('never matches things that are not SHA-256 hex, even with each other', () => {
    expect(sameHash('', '')).toBe(false);
    expect(sameHash('zz', 'zz')).toBe(false);
    expect(sameHash('g'.repeat(64), 'g'.repeat(64))).toBe(false);
    expect(sameHash(stored.slice(0, 62), stored.slice(0, 62))).toBe(false);
    expect(sameHash(`${stored}00`, `${stored}00`)).toBe(false);
  });
});
