import { createHash, timingSafeEqual } from 'node:crypto';
import { imageAnalysisErrors } from '../errors.js';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/**
 * A check of `Ocp-Apim-Subscription-Key` against the service's key, in constant time: the digests are compared, so
 * neither a key's length nor its first differing character shows in the timing. Throws Azure's 401 answers.
 */
export function keyChecker(key: string): (header: string | string[] | undefined) => void {
  const expected = digest(key);
  return (header) => {
    const given = Array.isArray(header) ? header[0] : header;
    if (given === undefined || given === '') throw imageAnalysisErrors.missingKey();
    if (!timingSafeEqual(digest(given), expected)) throw imageAnalysisErrors.accessDenied();
  };
}
