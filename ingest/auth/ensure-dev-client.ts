import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { hashApiKey } from '../security/api-key.js';

export const DEV_CLIENT_ID = 'dev';

/** A development client's settings (app/config.ts reads them; only `npm start` sets them). */
export interface DevClientSettings {
  devClient?: { apiKey: string; webhookSecret: string; webhookUrl?: string; mailSenders: string[] };
  defaultRateLimitPerMinute: number;
}

/**
 * Creates (or refreshes) the development client from its settings; without them, there is none. The settings are
 * its source of truth: each start puts back their key, secret, webhook and senders over what the admin API changed.
 */
export async function ensureDevClient(store: IngestStore, config: DevClientSettings, now = new Date()): Promise<void> {
  const dev = config.devClient;
  if (!dev) return;
  const hash = hashApiKey(dev.apiKey);
  const existing = await store.getClient(DEV_CLIENT_ID);
  const keyCreatedAt = existing?.apiKeys?.find((k) => k.hash === hash)?.createdAt ?? now.toISOString();
  const mailSenders = dev.mailSenders.map((s) => s.toLowerCase());
  await store.putClient(
    {
      clientId: DEV_CLIENT_ID,
      name: 'Development client',
      webhookSecret: dev.webhookSecret,
      rateLimitPerMinute: config.defaultRateLimitPerMinute,
      defaultWebhookUrl: dev.webhookUrl,
      mailSenders,
      apiKeys: [{ hash, createdAt: keyCreatedAt }],
      createdAt: existing?.createdAt ?? now.toISOString(),
    },
    hash,
  );
  for (const sender of mailSenders) await store.putSender(sender, DEV_CLIENT_ID);
}
