import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import type { SubmissionReceived } from '../../contracts/submission.js';

/** The Received event's data as ingest published it, from the submission's record (the outbox row is gone once published). */
export function receivedOf(record: SubmissionRecord): SubmissionReceived {
  return {
    submissionId: record.submissionId,
    clientId: record.clientId,
    files: record.files,
    webhook: { url: record.webhookUrl },
    ...(record.reference === undefined ? {} : { reference: record.reference }),
    priority: record.priority,
    ...(record.metadata === undefined ? {} : { metadata: record.metadata }),
    channel: record.channel,
    receivedAt: record.receivedAt,
  };
}
