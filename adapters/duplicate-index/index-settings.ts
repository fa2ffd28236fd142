import { DEFAULT_DUPLICATE_WINDOW_MS, DEFAULT_NEAR_DUPLICATE_BITS, type DuplicateIndexOptions } from './duplicate-index.js';

export interface IndexSettings {
  maxBits: number;
  windowMs: number;
  now: () => Date;
}

/** The options with their defaults, refused when they cannot work (a 64-bit hash has 64 bands at most). */
export function indexSettings(options: DuplicateIndexOptions = {}): IndexSettings {
  const { maxBits = DEFAULT_NEAR_DUPLICATE_BITS, windowMs = DEFAULT_DUPLICATE_WINDOW_MS, now = () => new Date() } = options;
  if (!Number.isInteger(maxBits) || maxBits < 0 || maxBits > 63)
    throw new RangeError(`maxBits must be a whole number from 0 to 63, not ${maxBits}.`);
  if (!(windowMs > 0)) throw new RangeError(`windowMs must be positive, not ${windowMs}.`);
  return { maxBits, windowMs, now };
}
