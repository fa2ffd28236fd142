import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Prefix of every key, so a leaked key is recognisable (secret scanners, logs). */
export const API_KEY_PREFIX = 'nd_';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** A new client API key: `nd_` and 32 random bytes in base64url (256 bits). Shown once, stored hashed. */
export function generateApiKey(): string {
  return API_KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * SHA-256 hex of a key. A fast unsalted hash is enough here: the keys are 256 random bits, so
 * there is nothing to guess, and an unsalted hash can be looked up directly.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** Compares two SHA-256 hex digests in constant time; anything that is not one never matches. */
export function sameHash(a: string, b: string): boolean {
  const left = a.toLowerCase();
  const right = b.toLowerCase();
  // Checked before comparing, as both strings would read as empty buffers if decoded as hex.
  if (!SHA256_HEX.test(left) || !SHA256_HEX.test(right)) return false;
  return timingSafeEqual(Buffer.from(left, 'hex'), Buffer.from(right, 'hex'));
}
