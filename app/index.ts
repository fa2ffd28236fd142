import { randomBytes } from 'node:crypto';
import { app } from '@azure/functions';
import { BlobServiceClient } from '@azure/storage-blob';
import { TableClient } from '@azure/data-tables';
import { loadConfig } from './config.js';
import { AzureBlobStore } from '../adapters/blob-store/azure-blob-store.js';
import { EventGridEventPublisher } from '../adapters/event-publisher/event-grid-event-publisher.js';
import { TableIngestStore } from '../adapters/ingest-store/table-ingest-store.js';
import type { IngestDeps } from '../ingest/deps.js';
import { parseAllowList } from '../ingest/security/allow-list.js';
import { RateLimiter } from '../ingest/security/rate-limiter.js';
import { ensureDevClient } from '../ingest/auth/ensure-dev-client.js';
import { cachedClientLookup } from '../ingest/auth/cached-client-lookup.js';
import { registerHealth } from '../ingest/health.js';
import { registerPostSubmission } from '../ingest/submissions/post-submission.js';
import { registerGetSubmission } from '../ingest/submissions/get-submission.js';
import { registerListSubmissions } from '../ingest/submissions/list-submissions.js';
import { registerSubmissionEvents } from '../ingest/submissions/submission-events.js';
import { registerCreateUploadSession } from '../ingest/uploads/create-upload-session.js';
import { registerCommitUploadSession } from '../ingest/uploads/commit-upload-session.js';
import { registerPostEmail } from '../ingest/email/post-email.js';
import { registerRelayOutbox } from '../ingest/outbox/relay-outbox.js';
import { registerStartSubmission } from '../orchestrator/start-submission.js';
import { registerSubmissionOrchestrator } from '../orchestrator/orchestrations/submission.js';
import { registerMarkSubmission } from '../orchestrator/activities/mark-submission.js';

// The function app's entry point (package.json "main"): real clients are wired once, here.
// Request bodies stream (uploads of gigabytes never sit in memory).
app.setup({ enableHttpStream: true });

const config = loadConfig();
const blobService = BlobServiceClient.fromConnectionString(config.storageConnectionString);
const store = new TableIngestStore(config.storageConnectionString);
const deps: IngestDeps = {
  blobs: new AzureBlobStore(blobService),
  store,
  clientByKeyHash: cachedClientLookup(store),
  events: new EventGridEventPublisher(config.eventGrid.endpoint, config.eventGrid.key),
  rateLimiter: new RateLimiter(),
  allowList: parseAllowList(config.webhookAllowList),
  limits: config.limits,
  uploadSessionMinutes: config.uploadSessionMinutes,
  mailboxApiKey: config.mailboxApiKey,
  now: () => new Date(),
  newId: (prefix) => `${prefix}${Date.now().toString(36)}${randomBytes(10).toString('hex')}`,
};

app.hook.appStart(() => ensureDevClient(store, config));

const tables = TableClient.fromConnectionString(config.storageConnectionString, 'submissions', { allowInsecureConnection: true });
registerHealth({
  storage: () => blobService.getProperties(),
  tables: async () => {
    for await (const page of tables.listEntities().byPage({ maxPageSize: 1 })) return page;
  },
  // Any HTTP answer from the topic endpoint (405 to a GET) means it is reachable.
  events: () => fetch(config.eventGrid.endpoint, { method: 'GET', signal: AbortSignal.timeout(2000) }),
});
registerPostSubmission(deps);
registerListSubmissions(deps);
registerGetSubmission(deps);
registerSubmissionEvents(deps);
registerCreateUploadSession(deps);
registerCommitUploadSession(deps);
registerPostEmail(deps);
registerRelayOutbox(deps);
registerStartSubmission();
registerSubmissionOrchestrator();
registerMarkSubmission(store);
