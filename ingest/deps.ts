import type { BlobStore } from '../adapters/blob-store/blob-store.js';
import type { EventPublisher } from '../adapters/event-publisher/event-publisher.js';
import type { ClientRecord, IngestStore } from '../adapters/ingest-store/ingest-store.js';
import type { AllowList } from '../lib/net/allow-list.js';
import type { IngestLimits } from './limits.js';
import type { RateLimiter } from './security/rate-limiter.js';
import type { UploadSlots } from './security/upload-slots.js';
import type { StaffAuthSettings } from './auth/staff-identity.js';

/** Everything ingest's handlers use, wired once in app/index.ts (tests wire their own). */
export interface IngestDeps {
  blobs: BlobStore;
  store: IngestStore;
  /** Key hash → client (cached briefly in front of the store). */
  clientByKeyHash(apiKeyHash: string): Promise<ClientRecord | undefined>;
  events: EventPublisher;
  rateLimiter: RateLimiter;
  /** Each client's multipart uploads running now, capped at `limits.maxConcurrentUploads`. */
  uploadSlots: UploadSlots;
  allowList: AllowList;
  limits: IngestLimits;
  uploadSessionMinutes: number;
  mailboxApiKey?: string;
  /** Who may use the desk's staff endpoints. */
  staff: StaffAuthSettings;
  /** DNS for the webhook SSRF check; injectable for tests. */
  lookup?: (host: string) => Promise<{ address: string; family: 4 | 6 }[]>;
  now(): Date;
  /** A new id with a prefix (`s` submission, `f` file, `u` upload session). */
  newId(prefix: string): string;
}
