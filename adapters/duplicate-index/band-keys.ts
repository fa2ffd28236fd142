/**
 * The band keys a 64-bit perceptual hash is indexed and looked up under, for near duplicates
 * within `maxBits` bits.
 *
 * Why the bands find every near duplicate without a scan (the pigeonhole principle): cut the 64
 * bits into maxBits + 1 disjoint bands. Two hashes that differ in at most maxBits bits have at most
 * maxBits differing bits to place in maxBits + 1 bands, so at least one band holds none of them and
 * has the same value in both. A hash indexed under each of its (band, value) keys is therefore
 * found by looking up the new hash's own maxBits + 1 keys. Keys also bring hashes that agree on one
 * band and differ much elsewhere, so the exact Hamming distance decides afterwards. Default
 * maxBits 6: 7 bands, one of 10 bits and six of 9, so a client's 100,000 random hashes leave about
 * 100 to 200 entries behind each key.
 *
 * The band count derives from maxBits, so a new NEWSDESK_NEAR_DUPLICATE_BITS keeps the guarantee;
 * it is part of the key (`b7.…`) because bands cut differently are not comparable. Files indexed
 * under an earlier setting are then found only by SHA-256 until they are indexed again (insertMany).
 */
export function bandKeys(hash: string, maxBits: number): string[] {
  const bands = maxBits + 1;
  const narrow = Math.floor(64 / bands);
  const wide = 64 % bands; // the first `wide` bands carry one bit more
  const value = BigInt(`0x${hash}`);
  const keys: string[] = [];
  let shift = 64;
  for (let band = 0; band < bands; band++) {
    const width = narrow + (band < wide ? 1 : 0);
    shift -= width;
    const bits = (value >> BigInt(shift)) & ((1n << BigInt(width)) - 1n);
    keys.push(`b${bands}.${band}.${bits.toString(16).padStart(Math.ceil(width / 4), '0')}`);
  }
  return keys;
}
