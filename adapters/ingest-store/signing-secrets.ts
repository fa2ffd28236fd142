import type { ClientRecord } from './ingest-store.js';

/** The secrets a delivery to this client is signed with at `now`, newest first: the previous one only until its overlap ends. */
export function signingSecrets(client: ClientRecord, now: Date): string[] {
  const previous = client.previousWebhookSecret;
  return previous && Date.parse(previous.expiresAt) > now.getTime() ? [client.webhookSecret, previous.secret] : [client.webhookSecret];
}
