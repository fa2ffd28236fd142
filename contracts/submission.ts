import { z } from 'zod';
import { mediaContentType } from './media.js';

export const priority = z.enum(['normal', 'urgent']);
export type Priority = z.infer<typeof priority>;

/** One stored file of a submission, as ingest recorded it. */
export const submittedFile = z.object({
  fileId: z.string().min(1),
  name: z.string().min(1).max(255),
  size: z.number().int().nonnegative(),
  contentType: mediaContentType,
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Blob name in the media container: `incoming/{submissionId}/{fileId}`. */
  blob: z.string().min(1),
});
export type SubmittedFile = z.infer<typeof submittedFile>;

/** How a submission reached Newsdesk. */
export const channel = z.enum(['http', 'upload-session', 'email']);

/** The `data` of the `Newsdesk.Submission.Received` CloudEvent. */
export const submissionReceived = z.object({
  submissionId: z.string().min(1),
  clientId: z.string().min(1),
  files: z.array(submittedFile).min(1),
  webhook: z.object({ url: z.url() }),
  reference: z.string().max(200).optional(),
  priority,
  metadata: z.record(z.string(), z.unknown()).optional(),
  channel,
  receivedAt: z.iso.datetime(),
  /** W3C trace context of the ingest span: every later stage of this submission joins its trace. Absent in older events. */
  traceparent: z.string().max(256).optional(),
});
export type SubmissionReceived = z.infer<typeof submissionReceived>;

export const SUBMISSION_RECEIVED = 'Newsdesk.Submission.Received';
/** The reconciler marked a submission failed because its orchestration ended without finishing it (README, Repairs). */
export const SUBMISSION_FAILED = 'Newsdesk.Submission.Failed';
export const EVENT_SOURCE = '/newsdesk/ingest';

/** The `202 Accepted` body of every accepted submission. */
export interface AcceptedSubmission {
  submissionId: string;
  statusUrl: string;
  files: { fileId: string; name: string; size: number; contentType: string; sha256: string }[];
}
