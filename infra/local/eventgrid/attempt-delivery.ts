import type { Delivery } from './delivery-store.js';
import type { SubscriptionConfig } from './subscriptions.js';

export type AttemptResult =
  | { ok: true }
  /** `retryable: false` dead-letters at once. */
  | { ok: false; retryable: boolean; error: string; status?: number }
  /** The topic is closing: the attempt does not count, the delivery stays for the next start. */
  | { ok: false; aborted: true };

export interface AttemptContext {
  deliverToFunction(functionName: string, event: unknown): Promise<void>;
  timeoutMs: number;
  /** Aborted when the topic closes. */
  closing: AbortSignal;
}

/** Azure retries nothing a webhook refuses with these: the request would never succeed. */
const NOT_RETRIED = new Set([400, 401, 403, 413]);

/** Makes one delivery attempt to the subscription's destination, in the schema the event was published in. */
export async function attemptDelivery(subscription: SubscriptionConfig, delivery: Delivery, ctx: AttemptContext): Promise<AttemptResult> {
  const destination = subscription.destination;
  if (destination.type === 'function') {
    try {
      await ctx.deliverToFunction(destination.functionName, delivery.event);
      return { ok: true };
    } catch (err) {
      return { ok: false, retryable: true, error: `function ${destination.functionName} failed: ${describe(err)}` };
    }
  }

  const cloud = delivery.schema === 'CloudEvent';
  const headers: Record<string, string> = {
    // One event per request, as Azure delivers by default: a CloudEvent alone, an Event Grid event in an array.
    'content-type': cloud ? 'application/cloudevents+json; charset=utf-8' : 'application/json',
    'aeg-event-type': 'Notification',
    'aeg-delivery-count': String(delivery.attempts),
    // Azure sends the subscription name upper-cased.
    'aeg-subscription-name': subscription.name.toUpperCase(),
  };
  if (!cloud) {
    headers['aeg-metadata-version'] = '1';
    headers['aeg-data-version'] = String(delivery.event.dataVersion ?? '');
  }
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  try {
    const res = await fetch(destination.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(cloud ? delivery.event : [delivery.event]),
      redirect: 'manual',
      signal: AbortSignal.any([timeout, ctx.closing]),
    });
    const text = await res.text().catch(() => '');
    if (res.status >= 200 && res.status < 300) return { ok: true };
    return {
      ok: false,
      retryable: !NOT_RETRIED.has(res.status),
      status: res.status,
      error: `HTTP ${res.status} ${res.statusText}${text ? `: ${text.slice(0, 500)}` : ''}`,
    };
  } catch (err) {
    if (ctx.closing.aborted) return { ok: false, aborted: true };
    if (timeout.aborted) return { ok: false, retryable: true, error: `no response within ${ctx.timeoutMs} ms` };
    return { ok: false, retryable: true, error: describe(err) };
  }
}

/** fetch hides the socket error (ECONNREFUSED…) in `cause`. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}
