import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { JOB_TOKEN_VERSION, jobTokenMac, type JobTokenClaims } from './sign-job-token.js';

const claimsShape = z.strictObject({
  j: z.string().min(1),
  i: z.string().min(1),
  e: z.array(z.string().min(1)).min(1),
  x: z.number().int(),
});
const B64URL = /^[A-Za-z0-9_-]+$/;

/** Why a token was refused: for the server's log, never told to the caller (all are one 403). */
export type JobTokenRefusal = 'malformed' | 'bad-signature' | 'expired';

/**
 * Checks a job token against each key in turn (the current one, then the one it replaced while both are valid), in
 * constant time per key, before it reads the claims at all; then its expiry against `now`. Whether the claims fit the
 * request (job, event) is the caller's check.
 */
export function verifyJobToken(
  keys: readonly string[],
  token: string,
  now: Date,
): { ok: true; claims: JobTokenClaims } | { ok: false; refusal: JobTokenRefusal } {
  const [version, encoded, mac, ...rest] = token.split('.');
  if (version !== JOB_TOKEN_VERSION || !encoded || !mac || rest.length > 0 || !B64URL.test(encoded) || !B64URL.test(mac))
    return { ok: false, refusal: 'malformed' };
  const presented = Buffer.from(mac, 'base64url');
  const signed = keys.some((key) => {
    const expected = jobTokenMac(key, encoded);
    return presented.length === expected.length && timingSafeEqual(presented, expected);
  });
  if (!signed) return { ok: false, refusal: 'bad-signature' };
  let parsed: z.infer<typeof claimsShape>;
  try {
    parsed = claimsShape.parse(JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8')));
  } catch {
    // Signed with our key yet unreadable: only a bug of ours makes one, but it still grants nothing.
    return { ok: false, refusal: 'malformed' };
  }
  if (parsed.x * 1000 <= now.getTime()) return { ok: false, refusal: 'expired' };
  return { ok: true, claims: { jobId: parsed.j, instanceId: parsed.i, events: parsed.e, expiresAt: parsed.x } };
}
