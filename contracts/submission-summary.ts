import { z } from 'zod';
import { fileAnalysis } from './file-analysis.js';
import { fileLinks, submissionLinks } from './links.js';
import { mediaContentType } from './media.js';

/**
 * The JSON body delivered to the client's webhook and written to `results/{submissionId}/summary.json`, published as
 * JSON Schema (`GET /api/schemas/submission-summary.v1.json`, docs/schemas/). Within a schema version fields are only
 * ever added, so receivers ignore what they do not know; anything else is a new version. docs/webhooks.md documents
 * every field.
 */
export const SUMMARY_SCHEMA_VERSION = 1;

/** Every file of a cancelled submission ends `failed` with this reason, in its webhook and in the status API alike. */
export const CANCELLED_REASON = 'cancelled by the client';
/** A submission whose processing ended unfinished (its orchestration failed or was stopped): what the reconciler tells the client. */
export const INTERRUPTED_REASON = 'processing stopped before this file was finished';

/** An earlier file of the same client that looks the same: the same bytes (`exact`), or a near perceptual hash. */
export const duplicate = z.object({
  submissionId: z.string().min(1),
  fileId: z.string().min(1),
  name: z.string().min(1),
  /** Hamming distance between the two 64-bit perceptual hashes; 0 for an exact duplicate. */
  distance: z.number().int().min(0).max(64),
  exact: z.boolean(),
});
export type Duplicate = z.infer<typeof duplicate>;

export const fileSummary = z.object({
  fileId: z.string().min(1),
  name: z.string().min(1),
  contentType: mediaContentType,
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  state: z.enum(['completed', 'failed', 'timed-out']),
  /** True when the analysis missed its deadline and was escalated, whatever came of it. */
  escalated: z.boolean(),
  /** Why the file failed or timed out; null when it completed. */
  reason: z.string().nullable(),
  /** Null unless the state is `completed`. */
  analysis: fileAnalysis.nullable(),
  /** Nearest first, at most 10. */
  duplicates: z.array(duplicate).max(10),
  links: fileLinks,
});
export type FileSummary = z.infer<typeof fileSummary>;

export const submissionSummary = z.object({
  schemaVersion: z.literal(SUMMARY_SCHEMA_VERSION),
  submissionId: z.string().min(1),
  clientId: z.string().min(1),
  reference: z.string().nullable(),
  status: z.enum(['completed', 'partial', 'failed', 'cancelled']),
  receivedAt: z.iso.datetime({ offset: true }),
  completedAt: z.iso.datetime({ offset: true }),
  files: z.array(fileSummary).min(1),
  links: submissionLinks,
});
export type SubmissionSummary = z.infer<typeof submissionSummary>;
