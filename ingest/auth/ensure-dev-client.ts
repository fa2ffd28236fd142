import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import { hashApiKey } from '../security/api-key.js';

export const DEV_CLIENT_ID = 'dev';

/** A development client's settings (app/config.ts reads them; only `npm start` sets them). */
export interface DevClientSettings {
  devClient?: { apiKey: string; webhookSecret: string; webhookUrl?: string; mailSenders: string[] };
  defaultRateLimitPerMinute: number;
}

/** Creates (or refreshes) the development client from its settings; without them, there is none. */
export async function ensureDevClient(store: IngestStore, config: DevClientSettings): Promise<void> {
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
