import { createHmac } from 'node:crypto';

/** What a job token lets its holder do: raise one of `events` on `instanceId`, for job `jobId`, until `expiresAt`. */
export interface JobTokenClaims {
  jobId: string;
  instanceId: string;
  events: readonly string[];
  /** Unix seconds. */
  expiresAt: number;
}

/** The token's version: a new format gets a new prefix, so an old verifier refuses it instead of misreading it. */
export const JOB_TOKEN_VERSION = 'v1';

/** HMAC-SHA256 of the version and the encoded claims under `key`: one place, shared by signing and checking. */
export const jobTokenMac = (key: string, encodedClaims: string): Buffer =>
  createHmac('sha256', key).update(`${JOB_TOKEN_VERSION}.${encodedClaims}`).digest();

/**
 * A capability for one job: `v1.<claims>.<mac>`, base64url. The claims are derived from the job (no nonce, no
 * issue time), so a re-run of the enqueue activity signs the very same token and enqueues the very same job.
 */
export function signJobToken(key: string, claims: JobTokenClaims): string {
  const encoded = Buffer.from(
    JSON.stringify({ j: claims.jobId, i: claims.instanceId, e: [...claims.events], x: claims.expiresAt }),
  ).toString('base64url');
  return `${JOB_TOKEN_VERSION}.${encoded}.${jobTokenMac(key, encoded).toString('base64url')}`;
}
