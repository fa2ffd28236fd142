/**
 * Every id and blob name Newsdesk derives, in one place. They are derived, never random, so a
 * retried activity, a re-sent job or a replayed orchestration repeats the same effect, and ingest,
 * orchestrator and worker (deployed apart) agree on them without asking each other.
 */

/** The submission orchestration: one instance per submission, so a duplicate event never starts a second one. */
export const submissionInstanceId = (submissionId: string): string => submissionId;

/**
 * A file's `analyzeFile` sub-orchestration, `{submissionId}.{fileId}`: the worker's callback, a
 * person's supplied analysis and a cancellation all address the file's instance by it.
 */
export const fileInstanceId = (submissionId: string, fileId: string): string => `${submissionId}.${fileId}`;

/** An analysis job (and its queue message): the file's instance id, so a re-sent job is the same job. */
export const jobIdOf = (submissionId: string, fileId: string): string => fileInstanceId(submissionId, fileId);

/** The cancellation orchestration: one per submission, so a second cancel starts nothing new. */
export const cancelInstanceId = (submissionId: string): string => `${submissionId}.cancel`;

/**
 * The `n`th delivery of a submission's summary (the `Newsdesk-Delivery` header; receivers dedupe
 * on it): `{submissionId}.1` first, then each replay takes the next number its submission's counter hands out.
 */
export const deliveryIdOf = (submissionId: string, n: number): string => `${submissionId}.${n}`;

/** The delivery that tells the client its submission was cancelled. */
export const cancelledDeliveryId = (submissionId: string): string => `${submissionId}.cancelled`;

/**
 * The reconciler's `failSubmission` orchestration, for a submission whose own orchestration died: its delivery and
 * its operations event take the same id, so however often it is repeated the client and operations each hear once.
 */
export const failedInstanceId = (submissionId: string): string => `${submissionId}.failed`;
export const failedDeliveryId = (submissionId: string): string => `${submissionId}.failed`;
export const failedEventId = (submissionId: string): string => `${submissionId}.failed`;

/** A replay's `redeliver` orchestration is named for its delivery: a second request for it while it runs is refused. */
export const redeliverInstanceId = (deliveryId: string): string => deliveryId;

/** Event Grid event ids: one event per occurrence, however often it is published. */
export const receivedEventId = (submissionId: string): string => submissionId;
export const escalatedEventId = (submissionId: string, fileId: string): string => `${submissionId}.${fileId}.escalated`;
export const deadLetteredEventId = (deliveryId: string): string => `${deliveryId}.dead-lettered`;

/**
 * One path segment of a blob name. Prefixes are deleted whole (cancellation, failed writes): an empty or slashed id
 * would turn `incoming/{id}/` into every submission's originals, so it is refused here rather than trusted upstream.
 */
function segment(id: string): string {
  if (id === '' || id.includes('/')) throw new RangeError(`not a usable id for a blob name: ${JSON.stringify(id)}`);
  return id;
}

/** Blob names (`container/name`). An upload session's id becomes its submission's id, so its blobs are already in place. */
export const incomingPrefix = (submissionId: string): string => `incoming/${segment(submissionId)}/`;
export const incomingBlobOf = (submissionId: string, fileId: string): string => `${incomingPrefix(submissionId)}${segment(fileId)}`;
export const resultsPrefix = (submissionId: string): string => `results/${segment(submissionId)}/`;
export const summaryBlobOf = (submissionId: string): string => `${resultsPrefix(submissionId)}summary.json`;
/** Where a file's results live; the same for every delivery of its job. */
export const resultPrefix = (submissionId: string, fileId: string): string => `${resultsPrefix(submissionId)}${segment(fileId)}/`;
export const resultBlobOf = (submissionId: string, fileId: string): string => `${resultPrefix(submissionId, fileId)}analysis.json`;
