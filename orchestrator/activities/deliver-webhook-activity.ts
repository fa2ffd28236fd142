import { trace } from '@opentelemetry/api';
import { OUTCOME } from '../../adapters/telemetry/attributes.js';
import { newsdeskMetrics } from '../../adapters/telemetry/metrics.js';
import type { DeliveryStore } from '../../adapters/delivery-store/delivery-store.js';
import type { ClientRecord, IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import type { AllowList } from '../../lib/net/allow-list.js';
import { signingSecrets } from '../../adapters/ingest-store/signing-secrets.js';
import { cachedLookup } from '../../lib/cache/cached-lookup.js';
import { NonRetryableError } from '../../lib/resilience/non-retryable-error.js';
import { deliverWebhook } from '../webhooks/deliver-webhook.js';
import type { DeliveryAttempt } from '../../adapters/delivery-store/delivery-store.js';
import type { DeliverWebhookInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

export interface DeliverWebhookDeps {
  store: IngestStore;
  deliveries: DeliveryStore;
  allowList: AllowList;
}

/**
 * One delivery attempt: signs the summary with the client's secret (looked up here, so secrets
 * never enter orchestration history), posts it, and records the attempt; an attempt already recorded as delivered
 * is answered from the record instead of posted again. The outcome is a value
 * the orchestration branches on. Storage failing before the POST throws (the orchestration retries
 * the attempt: nothing was sent); failing after it does not, since a retry would post the summary
 * again: the attempt comes back `recorded: false`, and the orchestration records it (recordDeliveryAttempt).
 */
export function createDeliverWebhook(deps: DeliverWebhookDeps) {
  // Secrets change rarely; a minute-old copy saves a table read on every delivery. A rotation keeps the old secret valid
  // for days (NEWSDESK_KEY_OVERLAP), so signing with it alone for up to a minute after is still verified.
  const clientOf = cachedLookup<string, ClientRecord>((clientId) => deps.store.getClient(clientId), { ttlMs: 60_000, maxEntries: 1000 });
  return async (input: DeliverWebhookInput): Promise<DeliveryAttempt & { recorded: boolean }> => {
    const client = await clientOf(input.clientId);
    if (!client) throw new NonRetryableError(`client ${input.clientId} not found`);
    // The same attempt run again (the host died after the POST and before the orchestration kept the result): what
    // was delivered and recorded is not posted a second time.
    const earlier = (await deps.deliveries.listAttempts(input.submissionId)).find(
      (a) => a.deliveryId === input.deliveryId && a.attempt === input.attempt && a.outcome === 'delivered',
    );
    if (earlier) return { ...earlier, recorded: true };
    const attempt = await deliverWebhook(
      {
        url: input.url,
        deliveryId: input.deliveryId,
        body: JSON.stringify(input.summary),
        secret: signingSecrets(client, new Date()),
        attempt: input.attempt,
      },
      { allowList: deps.allowList, now: () => new Date() },
    );
    const recorded = await deps.deliveries.recordAttempt(input.submissionId, attempt).then(
      () => true,
      () => false,
    );
    trace
      .getActiveSpan()
      ?.setAttributes({ [OUTCOME]: attempt.outcome, ...(attempt.status ? { 'http.response.status_code': attempt.status } : {}) });
    newsdeskMetrics().webhookDeliveries.add(1, { outcome: attempt.outcome });
    return { ...attempt, recorded };
  };
}

export function registerDeliverWebhook(deps: DeliverWebhookDeps): void {
  registerActivity('deliverWebhook', createDeliverWebhook(deps));
}
