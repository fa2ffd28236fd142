import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bandKeys } from './band-keys.js';

const randomHash = (): string => randomBytes(8).toString('hex');
const flip = (hash: string, bit: number): string => (BigInt(`0x${hash}`) ^ (1n << BigInt(bit))).toString(16).padStart(16, '0');
const shared = (a: string[], b: string[]): number => a.filter((k) => b.includes(k)).length;

describe('band keys', () => {
  it('cuts 64 bits into maxBits + 1 bands: one of 10 bits and six of 9 at the default 6', () => {
    const keys = bandKeys('ffffffffffffffff', 6);
    expect(keys).toEqual(['b7.0.3ff', 'b7.1.1ff', 'b7.2.1ff', 'b7.3.1ff', 'b7.4.1ff', 'b7.5.1ff', 'b7.6.1ff']);
    expect(bandKeys('0000000000000000', 0)).toEqual(['b1.0.0000000000000000']);
  });

  it.each([0, 3, 6, 10, 63])('puts each bit in exactly one band (maxBits %i)', (maxBits) => {
    const hash = randomHash();
    const keys = bandKeys(hash, maxBits);
    expect(keys).toHaveLength(maxBits + 1);
    for (let bit = 0; bit < 64; bit++) expect(shared(keys, bandKeys(flip(hash, bit), maxBits))).toBe(maxBits);
  });

  it.each([1, 6, 12])('gives two hashes at most maxBits (%i) apart at least one key in common', (maxBits) => {
    for (let trial = 0; trial < 500; trial++) {
      const hash = randomHash();
      let other = hash;
      const bits = new Set(Array.from({ length: maxBits }, () => Math.floor(Math.random() * 64)));
      for (const bit of bits) other = flip(other, bit);
      expect(shared(bandKeys(hash, maxBits), bandKeys(other, maxBits))).toBeGreaterThanOrEqual(1);
    }
  });
});
