import { randomBytes } from 'node:crypto';

/** A new webhook secret in the Standard Webhooks form (`whsec_` + base64 of 32 random bytes), so its libraries verify with it as shown. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}
