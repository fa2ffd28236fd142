import { createHash } from 'node:crypto';

/** A table key may not contain / \ # ? or control characters: anything user-supplied is keyed by its SHA-256 (hex). */
export function tableKeyOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
