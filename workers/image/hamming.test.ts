import { describe, expect, it } from 'vitest';
import { hammingDistance } from './hamming.js';

describe('hammingDistance', () => {
  it('is 0 for equal hashes, case-insensitively', () => {
    expect(hammingDistance('d99833333b6abe8d', 'D99833333B6ABE8D')).toBe(0);
  });

  it('counts differing bits across all 64', () => {
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000000000000', '8000000000000001')).toBe(2);
    expect(hammingDistance('f0f0f0f0f0f0f0f0', '0ff0f0f0f0f0f0f0')).toBe(8);
  });

  it('refuses anything but two 16-hex-digit hashes', () => {
    expect(() => hammingDistance('abc', '0000000000000000')).toThrow(RangeError);
    expect(() => hammingDistance('000000000000000g', '0000000000000000')).toThrow(RangeError);
  });
});
