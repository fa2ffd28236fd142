// The real orchestrations, activities and job-events endpoint, registered as app/index.ts registers them, with the
// activities wired to in-memory adapters (wiring.ts). The in-process test host loads this through
// vitest (orchestration-testbed.ts), so it is TypeScript, read from source.
import { registerFailSubmission } from '../../../orchestrator/orchestrations/fail-submission.js';
import { registerReportFailedSubmission } from '../../../orchestrator/activities/report-failed-submission.js';
import { registerFindDuplicates } from '../../../orchestrator/activities/find-duplicates.js';
import { registerCompensateSubmission } from '../../../orchestrator/activities/compensate-submission.js';
import { registerDeadLetterDelivery } from '../../../orchestrator/activities/dead-letter-delivery.js';
import { registerDeliverWebhook } from '../../../orchestrator/activities/deliver-webhook-activity.js';
import { registerRecordDeliveryAttempt } from '../../../orchestrator/activities/record-delivery-attempt.js';
import { registerEnqueueAnalysis } from '../../../orchestrator/activities/enqueue-analysis.js';
import { registerEscalateAnalysis } from '../../../orchestrator/activities/escalate-analysis.js';
import { registerMarkSubmission } from '../../../orchestrator/activities/mark-submission.js';
import { registerReadSummary } from '../../../orchestrator/activities/read-summary.js';
import { registerRecordFileState } from '../../../orchestrator/activities/record-file-state.js';
import { registerWriteSummary } from '../../../orchestrator/activities/write-summary.js';
import { registerAnalyzeFile } from '../../../orchestrator/orchestrations/analyze-file.js';
import { registerCancelSubmission } from '../../../orchestrator/orchestrations/cancel-submission.js';
import { registerRedeliver } from '../../../orchestrator/orchestrations/redeliver.js';
import { registerSubmissionOrchestrator } from '../../../orchestrator/orchestrations/submission.js';
import { parseAllowList } from '../../../lib/net/allow-list.js';
import { registerRaiseJobEvent } from '../../../ingest/jobs/raise-job-event.js';
import { wiring } from './wiring.js';

const { blobs, store, deliveries, events, queue, duplicates, opsWebhookUrl, jobTokenKey } = wiring;

registerSubmissionOrchestrator();
registerAnalyzeFile();
registerRedeliver();
registerCancelSubmission();
registerMarkSubmission(store);
registerRecordFileState(store);
registerEnqueueAnalysis({ queue, blobs, jobTokenKey });
// Where the test worker raises its jobs' events, as a real worker does.
registerRaiseJobEvent({ jobTokenKeys: [jobTokenKey], now: () => new Date() });
registerEscalateAnalysis({ events, opsWebhookUrl });
registerWriteSummary(blobs);
registerReadSummary(blobs);
// The client's webhook is a receiver on loopback, which the SSRF guard refuses unless allow-listed (as `npm start` does).
registerDeliverWebhook({ store, deliveries, allowList: parseAllowList('127.0.0.0/8') });
registerRecordDeliveryAttempt(deliveries);
registerDeadLetterDelivery({ deliveries, events, opsWebhookUrl });
registerCompensateSubmission({ blobs, retain: false });
registerFindDuplicates(duplicates, store);
registerFailSubmission();
registerReportFailedSubmission({ events, opsWebhookUrl });
