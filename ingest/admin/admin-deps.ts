import type { IngestDeps } from '../deps.js';

/** What the client administration handlers use: ingest's deps and the admin settings (app/config.ts). */
export interface AdminDeps extends IngestDeps {
  /** NEWSDESK_ADMIN_KEY: the host master key under `npm start`, a Key Vault secret on Azure. Unset: the admin API answers 404 admin-api-disabled. */
  adminKey?: string;
  /** NEWSDESK_KEY_OVERLAP: how long a replaced API key or webhook secret keeps working. */
  keyOverlapMs: number;
  /** A new client's rate limit when its body gives none. */
  defaultRateLimitPerMinute: number;
}
