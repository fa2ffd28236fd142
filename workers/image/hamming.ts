const HASH = /^[0-9a-f]{16}$/i;

/** Number of differing bits between two 64-bit perceptual hashes written as 16 hex digits. */
export function hammingDistance(a: string, b: string): number {
  // A malformed hash would otherwise compare as "very similar" or "very different" silently.
  if (!HASH.test(a) || !HASH.test(b)) throw new RangeError(`expected two 16-hex-digit hashes, got "${a}" and "${b}"`);
  let diff = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (diff !== 0n) {
    diff &= diff - 1n; // clears the lowest set bit
    count++;
  }
  return count;
}
