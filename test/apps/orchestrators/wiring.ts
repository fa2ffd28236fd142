import { InMemoryBlobStore } from '../../../adapters/blob-store/in-memory-blob-store.js';
import { InMemoryDuplicateIndex } from '../../../adapters/duplicate-index/in-memory-duplicate-index.js';
import { InMemoryDeliveryStore } from '../../../adapters/delivery-store/in-memory-delivery-store.js';
import { InMemoryEventPublisher } from '../../../adapters/event-publisher/in-memory-event-publisher.js';
import { InMemoryIngestStore } from '../../../adapters/ingest-store/in-memory-ingest-store.js';
import { InMemoryJobQueue } from '../../../adapters/job-queue/in-memory-job-queue.js';
import type { AnalysisJob } from '../../../contracts/job.js';

/**
 * What the app's activities are wired to: in-memory adapters, one set per process (vitest runs each
 * test file in its own), which the tests arrange and inspect. The testbed sets `opsWebhookUrl`
 * before the host loads the app.
 */
export const wiring = {
  blobs: new InMemoryBlobStore(),
  store: new InMemoryIngestStore(),
  deliveries: new InMemoryDeliveryStore(),
  events: new InMemoryEventPublisher(),
  queue: new InMemoryJobQueue<AnalysisJob>(),
  duplicates: new InMemoryDuplicateIndex(),
  opsWebhookUrl: undefined as string | undefined,
  /** Signs the jobs' tokens; the tests sign their own (expired, another job's) with it. */
  jobTokenKey: 'orchestration-tests-job-token-key-0123456789',
};
export type Wiring = typeof wiring;
