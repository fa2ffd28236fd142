import { createHmac } from 'node:crypto';

/** Canonical base64 (standard alphabet, padded) behind the specification's optional `whsec_` prefix. */
const BASE64_SECRET = /^(?:whsec_)?((?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?)$/;

/**
 * The Standard Webhooks `webhook-signature` value: `v1,<base64 HMAC-SHA256 of "<id>.<unix seconds>.<body>">`.
 * The specification's key is the bytes a base64 secret encodes (`whsec_` + base64). A client secret that is base64,
 * with or without the prefix, is read that way, as `new Webhook(secret)` of the `standardwebhooks` package reads it;
 * any other secret is its own UTF-8 bytes, as for Newsdesk-Signature (`new Webhook(secret, { format: 'raw' })`).
 */
export function standardWebhookSignature(id: string, body: string, secret: string | readonly string[], unixSeconds: number): string {
  if (!Number.isSafeInteger(unixSeconds) || unixSeconds < 0)
    throw new RangeError(`Signature time ${unixSeconds} is not whole unix seconds`);
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0 || secrets.includes('')) throw new RangeError('A webhook secret must not be empty');
  // During a secret rotation's overlap: one space-separated entry per secret, newest first; a verifier accepts any match.
  return secrets
    .map((text) => {
      const base64 = BASE64_SECRET.exec(text)?.[1];
      const key = base64 ? Buffer.from(base64, 'base64') : Buffer.from(text, 'utf8');
      return `v1,${createHmac('sha256', key).update(`${id}.${unixSeconds}.${body}`, 'utf8').digest('base64')}`;
    })
    .join(' ');
}
