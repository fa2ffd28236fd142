import type { OrchestrationContext, Task } from 'durable-functions';
import type { FileOutcome } from '../../contracts/analysis.js';
import type { RetryWindow } from '../../contracts/orchestrations.js';
import type { SubmissionReceived } from '../../contracts/submission.js';
import type { Duplicate } from '../../contracts/submission-summary.js';
import { callActivity } from './call-activity.js';

/** The perceptual hashes a completed file is compared by: a photo's, a video's poster's and keyframes'; none for a person's analysis. */
const hashesOf = ({ result }: FileOutcome): string[] =>
  result?.summary.source === 'worker' ? [result.summary.perceptualHash, ...(result.keyframeHashes ?? [])] : [];

/**
 * Each completed file's earlier copies (findDuplicates), by fileId. Duplicates are a hint, not the analysis: when the
 * index cannot be reached after the retries, the summary is delivered without them rather than not at all.
 */
export function* duplicatesOf(
  context: OrchestrationContext,
  s: SubmissionReceived,
  byId: ReadonlyMap<string, FileOutcome>,
  retry: RetryWindow,
): Generator<Task, Record<string, Duplicate[]>, unknown> {
  const files = s.files
    .filter((f) => byId.get(f.fileId)?.state === 'completed')
    .map((f) => ({ fileId: f.fileId, name: f.name, sha256: f.sha256, hashes: hashesOf(byId.get(f.fileId)!) }));
  if (files.length === 0) return {};
  const { clientId, submissionId, receivedAt, traceparent } = s;
  try {
    return yield* callActivity(context, 'findDuplicates', { clientId, submissionId, receivedAt, files, traceparent }, retry);
  } catch {
    return {};
  }
}
