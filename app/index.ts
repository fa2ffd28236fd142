import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { app } from '@azure/functions';
import { loadConfig } from './config.js';
import { AzureBlobStore } from '../adapters/blob-store/azure-blob-store.js';
import { EventGridEventPublisher } from '../adapters/event-publisher/event-grid-event-publisher.js';
import { TableIngestStore } from '../adapters/ingest-store/table-ingest-store.js';
import type { IngestDeps } from '../ingest/deps.js';
import { parseAllowList } from '../lib/net/allow-list.js';
import { RateLimiter } from '../ingest/security/rate-limiter.js';
import { UploadSlots } from '../ingest/security/upload-slots.js';
import { ensureDevClient } from '../ingest/auth/ensure-dev-client.js';
import { cachedClientLookup } from '../ingest/auth/cached-client-lookup.js';
import { registerHealth } from '../ingest/health.js';
import { registerServeDesk } from '../ingest/desk/serve-desk.js';
import { registerGetSystem } from '../ingest/system/get-system.js';
import { probeClassifier } from '../ingest/system/probe-classifier.js';
import { TableWorkerHeartbeats } from '../adapters/worker-heartbeats/table-worker-heartbeats.js';
import { BlobEventDeadLetters } from '../adapters/event-dead-letters/blob-event-dead-letters.js';
import { registerGetSummarySchema } from '../ingest/schemas/get-summary-schema.js';
import { registerPostSubmission } from '../ingest/submissions/post-submission.js';
import { registerGetSubmission } from '../ingest/submissions/get-submission.js';
import { registerGetFile } from '../ingest/results/get-file.js';
import { registerGetFileAsset } from '../ingest/results/get-file-asset.js';
import { registerListSubmissions } from '../ingest/submissions/list-submissions.js';
import { registerSubmissionEvents } from '../ingest/submissions/submission-events.js';
import { registerCreateUploadSession } from '../ingest/uploads/create-upload-session.js';
import { registerCommitUploadSession } from '../ingest/uploads/commit-upload-session.js';
import { registerPostEmail } from '../ingest/email/post-email.js';
import { registerRelayOutbox } from '../ingest/outbox/relay-outbox.js';
import { registerResolveFile } from '../ingest/staff/resolve-file.js';
import { registerListEscalations } from '../ingest/staff/list-escalations.js';
import { registerStaffCancel } from '../ingest/staff/staff-cancel.js';
import { registerStaffReplay } from '../ingest/staff/staff-replay.js';
import { registerStaffUploads } from '../ingest/staff/staff-uploads.js';
import { registerListDeliveries } from '../ingest/deliveries/list-deliveries.js';
import { registerReplayDelivery } from '../ingest/deliveries/replay-delivery.js';
import { registerCancelSubmission } from '../ingest/submissions/cancel-submission.js';
import { registerCreateClient } from '../ingest/admin/create-client.js';
import { registerListClients } from '../ingest/admin/list-clients.js';
import { registerUpdateClient } from '../ingest/admin/update-client.js';
import { registerDeleteClient } from '../ingest/admin/delete-client.js';
import { registerRotateKey } from '../ingest/admin/rotate-key.js';
import { registerRotateWebhookSecret } from '../ingest/admin/rotate-webhook-secret.js';
import { registerWatchSubmissions } from '../ingest/submissions/watch-submissions.js';
import { registerGetMe } from '../ingest/staff/get-me.js';
import { registerListStaffClients } from '../ingest/staff/list-staff-clients.js';
import { registerListTopics } from '../ingest/staff/list-topics.js';
import { registerListAllSubmissions } from '../ingest/staff/list-all-submissions.js';
import { registerStaffEvents } from '../ingest/staff/staff-events.js';
import { registerGetStaffSubmission } from '../ingest/staff/get-staff-submission.js';
import { registerRaiseJobEvent } from '../ingest/jobs/raise-job-event.js';
import { StorageQueueJobQueue } from '../adapters/job-queue/storage-queue-job-queue.js';
import { ServiceBusJobQueue } from '../adapters/job-queue/service-bus-job-queue.js';
import type { JobQueue } from '../adapters/job-queue/job-queue.js';
import { serviceBusAccess, storageAccess } from '../adapters/azure-access/azure-access.js';
import {
  blobServiceOf,
  queueServiceOf,
  serviceBusAdministrationOf,
  serviceBusClientOf,
  tableClientOf,
} from '../adapters/azure-access/storage-clients.js';
import { TableDeliveryStore } from '../adapters/delivery-store/table-delivery-store.js';
import type { AnalysisJob } from '../contracts/job.js';
import { registerStartSubmission } from '../orchestrator/start-submission.js';
import { registerSubmissionOrchestrator } from '../orchestrator/orchestrations/submission.js';
import { registerAnalyzeFile } from '../orchestrator/orchestrations/analyze-file.js';
import { registerRedeliver } from '../orchestrator/orchestrations/redeliver.js';
import { registerCancelSubmission as registerCancelOrchestration } from '../orchestrator/orchestrations/cancel-submission.js';
import { registerMarkSubmission } from '../orchestrator/activities/mark-submission.js';
import { registerRecordFileState } from '../orchestrator/activities/record-file-state.js';
import { registerEnqueueAnalysis } from '../orchestrator/activities/enqueue-analysis.js';
import { registerEscalateAnalysis } from '../orchestrator/activities/escalate-analysis.js';
import { registerWriteSummary } from '../orchestrator/activities/write-summary.js';
import { registerReadSummary } from '../orchestrator/activities/read-summary.js';
import { registerDeliverWebhook } from '../orchestrator/activities/deliver-webhook-activity.js';
import { registerDeadLetterDelivery } from '../orchestrator/activities/dead-letter-delivery.js';
import { registerRecordDeliveryAttempt } from '../orchestrator/activities/record-delivery-attempt.js';
import { registerCompensateSubmission } from '../orchestrator/activities/compensate-submission.js';
import { registerFindDuplicates } from '../orchestrator/activities/find-duplicates.js';
import { TableDuplicateIndex } from '../adapters/duplicate-index/table-duplicate-index.js';
import { registerFailSubmission } from '../orchestrator/orchestrations/fail-submission.js';
import { registerReportFailedSubmission } from '../orchestrator/activities/report-failed-submission.js';
import { registerReconciler, runReconciler } from '../orchestrator/reconcile/register-reconciler.js';
import { registerSweeper } from '../ingest/sweep/register-sweeper.js';
import { sweepOrphans } from '../ingest/sweep/sweep-orphans.js';
import { registerManageReconcile, registerManageSweep } from '../ingest/admin/manage-pass.js';
import { DefaultAzureCredential } from '@azure/identity';
import { startTelemetry } from '../adapters/telemetry/start-telemetry.js';

// The function app's entry point (package.json "main"): real clients are wired once, here.
// Request bodies stream (uploads of gigabytes never sit in memory).
app.setup({ enableHttpStream: true });

const config = loadConfig();
// Before anything makes a span: ingest, the starter and the activities all trace into this.
const telemetry = await startTelemetry({ serviceName: 'newsdesk-functions', settings: config.telemetry });
app.hook.appTerminate(() => telemetry.shutdown());
// One credential for everything reached as the managed identity (AZURE_CLIENT_ID); made only when a setting asks for it.
let azureCredential: DefaultAzureCredential | undefined;
const credential = () => (azureCredential ??= new DefaultAzureCredential());
const storage = storageAccess(config.storage, credential);
const blobService = blobServiceOf(storage);
const store = new TableIngestStore(storage);
const deps: IngestDeps = {
  blobs: new AzureBlobStore(blobService),
  store,
  clientByKeyHash: cachedClientLookup(store),
  events: new EventGridEventPublisher(config.eventGrid.endpoint, config.eventGrid.key ?? credential()),
  rateLimiter: new RateLimiter(),
  uploadSlots: new UploadSlots(config.limits.maxConcurrentUploads),
  allowList: parseAllowList(config.webhookAllowList),
  limits: config.limits,
  uploadSessionMinutes: config.uploadSessionMinutes,
  mailboxApiKey: config.mailboxApiKey,
  staff: config.staff,
  now: () => new Date(),
  newId: (prefix) => `${prefix}${Date.now().toString(36)}${randomBytes(10).toString('hex')}`,
};

app.hook.appStart(() => ensureDevClient(store, config));

const tables = tableClientOf(storage, 'submissions');
// Each check stops its request (and the SDK's retries) when health gives up on it.
registerHealth({
  storage: (abortSignal) => blobService.getProperties({ abortSignal }),
  tables: async (abortSignal) => {
    for await (const page of tables.listEntities({ abortSignal }).byPage({ maxPageSize: 1 })) return page;
  },
  // Any HTTP answer from the topic endpoint (405 to a GET) means it is reachable.
  events: (signal) => fetch(config.eventGrid.endpoint, { method: 'GET', signal }),
});
const deliveries = new TableDeliveryStore(storage);
// The work queue: Service Bus where configured (Azure), else the storage account's queue (npm start). Workers read the same settings.
// Its administration client reads the backlog for the desk's System page (KEDA reads it for scaling on its own).
const serviceBus = config.serviceBus && serviceBusAccess(config.serviceBus, credential);
const queue: JobQueue<AnalysisJob> = serviceBus
  ? new ServiceBusJobQueue<AnalysisJob>(serviceBusClientOf(serviceBus), config.workQueue, {
      administration: serviceBusAdministrationOf(serviceBus),
    })
  : new StorageQueueJobQueue<AnalysisJob>(queueServiceOf(storage), config.workQueue);
const settings = config.pipeline;

registerGetSummarySchema();
// The built desk sits beside this file's folder (dist/app → dist/desk); its pictures and uploads use Blob Storage's origin.
registerServeDesk({ root: fileURLToPath(new URL('../desk', import.meta.url)), blobOrigins: [new URL(blobService.url).origin] });
registerPostSubmission(deps);
registerListSubmissions(deps);
registerGetSubmission(deps);
registerGetFile(deps);
registerGetFileAsset(deps);
registerSubmissionEvents(deps);
registerCancelSubmission({ ...deps, settings });
registerCreateUploadSession(deps);
registerCommitUploadSession(deps);
registerPostEmail(deps);
registerRelayOutbox(deps);
registerListDeliveries({ ...deps, deliveries });
registerGetSystem({
  ...deps,
  queue: { name: config.workQueue, depth: () => queue.depth() },
  heartbeats: new TableWorkerHeartbeats(storage),
  // Where Event Grid dead-letters (Bicep: containers.eventGridDeadLetter; the local stand-in's default).
  deadLetters: new BlobEventDeadLetters(blobService.getContainerClient('eventgrid-deadletter')),
  classifier: probeClassifier(config.classifierEndpoint),
});
registerReplayDelivery({ ...deps, deliveries, settings });
const admin = {
  ...deps,
  adminKey: config.adminKey,
  keyOverlapMs: config.keyOverlapMs,
  defaultRateLimitPerMinute: config.defaultRateLimitPerMinute,
};
registerCreateClient(admin);
registerListClients(admin);
registerUpdateClient(admin);
registerDeleteClient(admin);
registerRotateKey(admin);
registerRotateWebhookSecret(admin);
// The desk's staff API, read side (staff identity: ingest/auth/authenticate-staff.ts).
registerWatchSubmissions(deps);
registerGetMe(deps);
registerListStaffClients(deps);
registerListTopics(deps);
registerListAllSubmissions(deps);
registerStaffEvents(deps);
registerGetStaffSubmission({ ...deps, deliveries });

// The desk's actions (staff only: an editor key, or Entra ID behind App Service authentication).
registerListEscalations(deps);
registerResolveFile(deps);
registerStaffCancel({ ...deps, settings });
registerStaffReplay({ ...deps, deliveries, settings });
registerStaffUploads(deps);

// The workers' one way in: each job's events, on the job's token (docs/security.md).
const { current: jobTokenKey, previous: previousJobTokenKey } = config.jobTokenKeys;
registerRaiseJobEvent({ jobTokenKeys: previousJobTokenKey ? [jobTokenKey, previousJobTokenKey] : [jobTokenKey], now: deps.now });

registerStartSubmission(settings);
registerSubmissionOrchestrator();
registerAnalyzeFile();
registerRedeliver();
registerCancelOrchestration();
registerMarkSubmission(store);
registerRecordFileState(store);
registerEnqueueAnalysis({ queue, blobs: deps.blobs, jobTokenKey });
registerEscalateAnalysis({ events: deps.events, opsWebhookUrl: config.opsWebhookUrl });
registerWriteSummary(deps.blobs);
registerReadSummary(deps.blobs);
registerDeliverWebhook({ store, deliveries, allowList: deps.allowList });
registerRecordDeliveryAttempt(deliveries);
registerDeadLetterDelivery({ deliveries, events: deps.events, opsWebhookUrl: config.opsWebhookUrl });
registerCompensateSubmission({ blobs: deps.blobs, retain: config.retainCancelled });
registerFindDuplicates(new TableDuplicateIndex(storage, config.duplicates), store);
registerFailSubmission();
registerReportFailedSubmission({ events: deps.events, opsWebhookUrl: config.opsWebhookUrl });

// Repairs (README, Repairs): the reconciler and the orphan sweeper on their timers, and one pass of each on demand.
const reconciler = { store, pipeline: settings, reconcile: config.reconcile, now: deps.now };
registerReconciler(reconciler, config.reconcile);
const sweeper = { blobs: deps.blobs, store, orphanAfterMs: config.sweep.orphanAfterMs, now: deps.now };
registerSweeper(sweeper, config.sweep);
registerManageReconcile(admin, (context) => runReconciler(reconciler, context));
registerManageSweep(admin, () => sweepOrphans(sweeper));
