import { createHmac, timingSafeEqual } from 'node:crypto';

/** A secret in the specification's form: `whsec_` (optional) + canonical base64 (standard alphabet, padded). */
const BASE64_SECRET = /^(?:whsec_)?((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;

export interface StandardWebhookHeaders {
  'webhook-id'?: string;
  'webhook-timestamp'?: string;
  'webhook-signature'?: string;
}

export type Verification = { verified: true } | { verified: false; reason: string };

/**
 * Checks a delivery as the Standard Webhooks specification says: `webhook-signature` holds space-separated
 * `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` entries (several while a secret is rotated; one match is
 * enough), and the timestamp must be within `toleranceSeconds` of now so a captured delivery cannot be replayed later.
 * The HMAC key is the bytes a base64 secret encodes (`whsec_…`, as the `standardwebhooks` package reads it); any other
 * secret keys it with its own UTF-8 bytes. `body` is the raw body as received.
 */
export function verifyStandardWebhook(
  headers: StandardWebhookHeaders,
  body: Buffer | string,
  secret: string,
  { toleranceSeconds = 300, now = Date.now() / 1000 } = {},
): Verification {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signature = headers['webhook-signature'];
  if (!id || !timestamp || !signature) return { verified: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  if (!/^[0-9]{1,12}$/.test(timestamp)) return { verified: false, reason: 'webhook-timestamp is not unix seconds' };
  if (Math.abs(now - Number(timestamp)) > toleranceSeconds)
    return { verified: false, reason: `webhook-timestamp is more than ${toleranceSeconds} s away from now` };
  const base64 = BASE64_SECRET.exec(secret)?.[1];
  const key = base64 ? Buffer.from(base64, 'base64') : Buffer.from(secret, 'utf8');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  const matches = signature
    .split(' ')
    .map((entry) => /^v1,([A-Za-z0-9+/]{43}=)$/.exec(entry)?.[1])
    .some((given) => given !== undefined && timingSafeEqual(Buffer.from(given, 'base64'), expected));
  return matches ? { verified: true } : { verified: false, reason: 'no v1 signature matches the secret' };
}
