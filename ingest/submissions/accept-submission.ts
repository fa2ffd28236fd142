import { trace } from '@opentelemetry/api';
import type { ClientRecord, SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import { SUBMISSION_ID } from '../../adapters/telemetry/attributes.js';
import { currentTraceparent } from '../../adapters/telemetry/traceparent.js';
import { receivedEventId } from '../../contracts/ids.js';
import {
  EVENT_SOURCE,
  SUBMISSION_RECEIVED,
  type AcceptedSubmission,
  type SubmissionReceived,
  type SubmittedFile,
} from '../../contracts/submission.js';
import type { IngestDeps } from '../deps.js';
import type { SubmissionFields } from './submission-fields.js';

export interface NewSubmission extends SubmissionFields {
  submissionId: string;
  client: ClientRecord;
  files: SubmittedFile[];
  channel: SubmissionRecord['channel'];
}

/**
 * The last step of every intake path: record the submission with its event in the outbox, then
 * publish. A failed publish is not the client's problem — the outbox relay publishes it later —
 * so the answer is 202 as soon as the record is durable.
 */
export async function acceptSubmission(
  deps: Pick<IngestDeps, 'store' | 'events' | 'now'>,
  s: NewSubmission,
  origin: string,
): Promise<AcceptedSubmission> {
  const receivedAt = deps.now().toISOString();
  trace.getActiveSpan()?.setAttribute(SUBMISSION_ID, s.submissionId);
  const record: SubmissionRecord = {
    submissionId: s.submissionId,
    clientId: s.client.clientId,
    status: 'received',
    channel: s.channel,
    files: s.files,
    webhookUrl: s.webhookUrl,
    reference: s.reference,
    priority: s.priority,
    metadata: s.metadata,
    receivedAt,
    updatedAt: receivedAt,
    published: false,
  };
  const data: SubmissionReceived = {
    submissionId: s.submissionId,
    clientId: s.client.clientId,
    files: s.files,
    webhook: { url: s.webhookUrl },
    reference: s.reference,
    priority: s.priority,
    metadata: s.metadata,
    channel: s.channel,
    receivedAt,
    // The intake span's context travels with the event (and its outbox copy): the orchestration joins this trace.
    traceparent: currentTraceparent(),
  };
  const event = {
    id: receivedEventId(s.submissionId),
    type: SUBMISSION_RECEIVED,
    source: EVENT_SOURCE,
    subject: `/submissions/${s.submissionId}`,
    time: new Date(receivedAt),
    data,
  };
  await deps.store.createSubmission(record, event);
  newsdeskMetrics().submissionsReceived.add(1, { channel: s.channel });
  try {
    await deps.events.publish([event]);
    await deps.store.markPublished(s.submissionId);
  } catch {
    // Left in the outbox: relayOutbox publishes it (Event Grid down, or a crash right here).
  }
  return {
    submissionId: s.submissionId,
    statusUrl: `${origin}/api/submissions/${s.submissionId}`,
    files: s.files.map(({ fileId, name, size, contentType, sha256 }) => ({ fileId, name, size, contentType, sha256 })),
  };
}
