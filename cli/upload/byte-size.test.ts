import { describe, expect, it } from 'vitest';
import { parseByteSize } from './byte-size.js';

describe('parseByteSize', () => {
  it.each([
    ['1048576', 1024 ** 2],
    ['4K', 4096],
    ['4k', 4096],
    ['32M', 32 * 1024 ** 2],
    ['32MiB', 32 * 1024 ** 2],
    ['8 MB', 8 * 1024 ** 2],
    ['2G', 2 * 1024 ** 3],
  ])('reads %s as %d bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });

  it.each(['', 'big', '1.5M', '-4K', '100', '1T', '4KK'])('refuses %j', (text) => {
    expect(() => parseByteSize(text)).toThrow('A size like 32M, 512K or 1048576, at least 1K.');
  });
});
