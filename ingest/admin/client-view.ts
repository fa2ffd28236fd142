import type { ClientRecord } from '../../adapters/ingest-store/ingest-store.js';
import { signingSecrets } from '../../adapters/ingest-store/signing-secrets.js';

const ageSeconds = (createdAt: string | undefined, now: Date) =>
  createdAt === undefined ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(createdAt)) / 1000));

/**
 * A client as the admin API shows it: never a secret or a key hash. Its valid keys and signing secrets, newest first,
 * each with its age and, for the one being replaced, the end of its overlap.
 */
export function clientView(client: ClientRecord, now: Date) {
  const previous = signingSecrets(client, now).length > 1 ? client.previousWebhookSecret : undefined;
  return {
    clientId: client.clientId,
    name: client.name,
    defaultWebhookUrl: client.defaultWebhookUrl ?? null,
    mailSenders: client.mailSenders ?? [],
    rateLimitPerMinute: client.rateLimitPerMinute,
    createdAt: client.createdAt ?? null,
    apiKeys: (client.apiKeys ?? [])
      .filter((key) => !key.expiresAt || Date.parse(key.expiresAt) > now.getTime())
      .map((key) => ({ createdAt: key.createdAt, ageSeconds: ageSeconds(key.createdAt, now), expiresAt: key.expiresAt ?? null })),
    webhookSecrets: [
      { createdAt: client.webhookSecretCreatedAt ?? null, ageSeconds: ageSeconds(client.webhookSecretCreatedAt, now), expiresAt: null },
      ...(previous
        ? [{ createdAt: previous.createdAt ?? null, ageSeconds: ageSeconds(previous.createdAt, now), expiresAt: previous.expiresAt }]
        : []),
    ],
  };
}
