import type { DurableClient } from 'durable-functions';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { deliveryIdOf, redeliverInstanceId } from '../../contracts/ids.js';
import { ORCHESTRATION, type PipelineSettings, type RedeliverInput } from '../../contracts/orchestrations.js';
import { HttpError } from '../http/http-error.js';

// A cancelled submission has no summary to send again: its one `cancelled` notice went out, and its results are gone.
const FINAL = new Set(['completed', 'partial', 'failed']);

/**
 * Sends a finished submission's summary again, whoever asks (its client, or staff at the desk), with a new delivery
 * id, on the same retry policy. 409 while there is no summary to send. Returns the 202 answer's body.
 */
export async function replayRecord(
  deps: { deliveries: DeliveryStore; settings: PipelineSettings },
  durable: DurableClient,
  record: SubmissionRecord,
): Promise<{ submissionId: string; deliveryId: string }> {
  if (record.status === 'cancelled')
    throw new HttpError(409, 'cancelled', 'Submission cancelled', 'A cancelled submission has no summary to replay.');
  if (!FINAL.has(record.status))
    throw new HttpError(409, 'not-finished', 'Not finished yet', 'There is no summary to replay until the submission has finished.');
  // Allocated, not counted from the attempts recorded so far: while the first delivery's attempt is still
  // under way it is not recorded yet, and a count would hand the replay the first delivery's own id.
  const deliveryId = deliveryIdOf(record.submissionId, await deps.deliveries.allocateDeliveryNumber(record.submissionId));
  const input: RedeliverInput = {
    submissionId: record.submissionId,
    webhookUrl: record.webhookUrl,
    deliveryId,
    settings: deps.settings.delivery,
    retry: deps.settings.activityRetry,
  };
  try {
    await durable.startNew(ORCHESTRATION.redeliver, { instanceId: redeliverInstanceId(deliveryId), input });
  } catch {
    throw new HttpError(409, 'replay-in-progress', 'Replay in progress', `Delivery ${deliveryId} is already being sent.`);
  }
  return { submissionId: record.submissionId, deliveryId };
}
