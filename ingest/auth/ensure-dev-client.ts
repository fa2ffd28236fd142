import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import type { AppConfig } from '../../app/config.js';
import { hashApiKey } from '../security/api-key.js';

export const DEV_CLIENT_ID = 'dev';

/** Creates (or refreshes) the development client from its settings; only `npm start` sets them. */
export async function ensureDevClient(store: IngestStore, config: AppConfig): Promise<void> {
  const dev = config.devClient;
  if (!dev) return;
  await store.putClient(
    {
      clientId: DEV_CLIENT_ID,
      name: 'Development client',
      webhookSecret: dev.webhookSecret,
      rateLimitPerMinute: config.defaultRateLimitPerMinute,
      defaultWebhookUrl: dev.webhookUrl,
    },
    hashApiKey(dev.apiKey),
  );
  for (const sender of dev.mailSenders) await store.putSender(sender, DEV_CLIENT_ID);
}
