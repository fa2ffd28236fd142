/** Set bits in a 32-bit integer (the SWAR count: no loop, no BigInt, as the brute-force baseline compares 100,000 hashes). */
function bitCount(n: number): number {
  n -= (n >>> 1) & 0x55555555;
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (Math.imul((n + (n >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * Differing bits between two 64-bit perceptual hashes written as 16 hex digits. The hashes must
 * already be checked (`checkEntry` does at the port's edge): this runs in the lookup's inner loop.
 */
export function hammingDistance(a: string, b: string): number {
  const high = parseInt(a.slice(0, 8), 16) ^ parseInt(b.slice(0, 8), 16);
  const low = parseInt(a.slice(8), 16) ^ parseInt(b.slice(8), 16);
  return bitCount(high) + bitCount(low);
}
