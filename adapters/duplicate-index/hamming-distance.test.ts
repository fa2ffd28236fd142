import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { hammingDistance } from './hamming-distance.js';

const slowDistance = (a: string, b: string): number =>
  [...(BigInt(`0x${a}`) ^ BigInt(`0x${b}`)).toString(2)].filter((c) => c === '1').length;

it('counts the differing bits of two 64-bit hashes, as a bit-by-bit count does', () => {
  expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
  expect(hammingDistance('8000000000000001', '0000000000000000')).toBe(2);
  for (let i = 0; i < 1000; i++) {
    const [a, b] = [randomBytes(8).toString('hex'), randomBytes(8).toString('hex')];
    expect(hammingDistance(a, b)).toBe(slowDistance(a, b));
  }
});
