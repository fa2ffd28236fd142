import type { Logger } from '../host/types.js';
import { attemptDelivery } from './attempt-delivery.js';
import { retryDelayMs } from '../backoff.js';
import type { Delivery, DeliveryStore } from './delivery-store.js';
import type { SubscriptionConfig } from './subscriptions.js';
import type { DeadLetterRecord, DeadLetterSink } from './types.js';

export interface DispatcherOptions {
  topicName: string;
  store: DeliveryStore;
  subscriptions: SubscriptionConfig[];
  deliverToFunction(functionName: string, event: unknown): Promise<void>;
  deadLetter: DeadLetterSink;
  maxDeliveryAttempts: number;
  initialDelayMs: number;
  maxDelayMs: number;
  eventTimeToLiveMs: number;
  deliveryTimeoutMs: number;
  concurrency: number;
  logger: Logger;
}

type Failure = Pick<DeadLetterRecord, 'deadLetterReason' | 'lastError' | 'lastHttpStatus' | 'deliveryAttempts'>;

// setTimeout overflows past 2^31-1 ms; waking early just finds nothing due yet.
const MAX_SLEEP_MS = 60 * 60 * 1000;

/**
 * Works through the store: runs due deliveries with bounded concurrency, records each failure and the
 * next attempt time before anything else, and dead-letters when retries are exhausted. Every state lives
 * in the store, so a restart resumes where it stopped (at least once, like Azure).
 */
export function createDispatcher(o: DispatcherOptions): { start(): void; wake(): void; close(): Promise<void> } {
  const subscriptions = new Map(o.subscriptions.map((s) => [s.name, s]));
  const inFlight = new Map<number, Promise<void>>();
  const closing = new AbortController();
  let started = false;
  let timer: NodeJS.Timeout | undefined;

  function pump(): void {
    if (!started || closing.signal.aborted) return;
    clearTimeout(timer);
    timer = undefined;
    const ids = new Set(inFlight.keys());
    for (const delivery of o.store.due(Date.now(), o.concurrency - inFlight.size, ids)) {
      const run = runDelivery(delivery)
        .catch((err: unknown) => o.logger.error('eventgrid: delivery bookkeeping failed', { error: String(err) }))
        .finally(() => {
          inFlight.delete(delivery.id);
          pump();
        });
      inFlight.set(delivery.id, run);
    }
    // With every slot busy, the next finishing delivery pumps again; no timer needed.
    if (inFlight.size >= o.concurrency) return;
    const next = o.store.nextDueAt(new Set(inFlight.keys()));
    if (next === undefined) return;
    timer = setTimeout(pump, Math.min(Math.max(0, next - Date.now()), MAX_SLEEP_MS));
    timer.unref();
  }

  async function runDelivery(d: Delivery): Promise<void> {
    const sub = subscriptions.get(d.subscription);
    if (!sub) {
      // Azure drops pending events of a deleted subscription.
      o.logger.warn('eventgrid: dropping delivery for unknown subscription', {
        subscription: d.subscription,
        eventId: d.eventId,
      });
      o.store.remove(d.id);
      return;
    }
    const lastHttpStatus = d.lastStatus ?? undefined;
    const lastError = d.lastError ?? '';
    if (d.deadLetterReason) {
      return deadLetter(d, {
        deadLetterReason: d.deadLetterReason,
        lastError,
        lastHttpStatus,
        deliveryAttempts: d.attempts,
      });
    }
    const ttlMs = (sub.retryPolicy?.eventTimeToLiveInMinutes ?? 0) * 60_000 || o.eventTimeToLiveMs;
    const expiresAt = d.acceptedAt + ttlMs;
    const maxAttempts = sub.retryPolicy?.maxDeliveryAttempts ?? o.maxDeliveryAttempts;
    if (Date.now() >= expiresAt) {
      const error = d.lastError ?? 'event time to live expired before the first attempt';
      return deadLetter(d, {
        deadLetterReason: 'TimeToLiveExceeded',
        lastError: error,
        lastHttpStatus,
        deliveryAttempts: d.attempts,
      });
    }

    const result = await attemptDelivery(sub, d, {
      deliverToFunction: o.deliverToFunction,
      timeoutMs: o.deliveryTimeoutMs,
      closing: closing.signal,
    });
    // After close() the store may be gone; the delivery stays as it was and is retried on the next start.
    if (closing.signal.aborted || 'aborted' in result) return;
    if (result.ok) {
      o.store.remove(d.id);
      o.logger.info('eventgrid: delivered', {
        subscription: d.subscription,
        eventId: d.eventId,
        attempt: d.attempts + 1,
      });
      return;
    }
    const attempts = d.attempts + 1;
    const failure = { lastError: result.error, lastHttpStatus: result.status, deliveryAttempts: attempts };
    const nextAt = Date.now() + retryDelayMs(attempts, o);
    if (!result.retryable) return deadLetter(d, { ...failure, deadLetterReason: 'NonRetryableResponse' });
    if (attempts >= maxAttempts) return deadLetter(d, { ...failure, deadLetterReason: 'MaxDeliveryAttemptsExceeded' });
    if (nextAt >= expiresAt) return deadLetter(d, { ...failure, deadLetterReason: 'TimeToLiveExceeded' });
    o.logger.warn('eventgrid: delivery failed, will retry', {
      subscription: d.subscription,
      eventId: d.eventId,
      attempt: attempts,
      error: result.error,
    });
    o.store.update(d.id, {
      attempts,
      nextAt,
      lastError: result.error,
      lastStatus: result.status ?? null,
      deadLetterReason: null,
    });
  }

  async function deadLetter(d: Delivery, f: Failure): Promise<void> {
    // Decide first, write second: if the sink is down (or we crash), a later pass writes it again.
    o.store.update(d.id, {
      attempts: f.deliveryAttempts,
      nextAt: Date.now() + o.initialDelayMs,
      lastError: f.lastError,
      lastStatus: f.lastHttpStatus ?? null,
      deadLetterReason: f.deadLetterReason,
    });
    const record: DeadLetterRecord = {
      topic: o.topicName,
      subscription: d.subscription,
      event: d.event,
      deliveryAttempts: f.deliveryAttempts,
      deadLetterReason: f.deadLetterReason,
      lastError: f.lastError,
      ...(f.lastHttpStatus === undefined ? {} : { lastHttpStatus: f.lastHttpStatus }),
      deadLetteredAt: new Date().toISOString(),
    };
    try {
      await o.deadLetter.write(record);
    } catch (err) {
      o.logger.error('eventgrid: dead-letter write failed, will retry', {
        subscription: d.subscription,
        eventId: d.eventId,
        error: String(err),
      });
      return;
    }
    if (closing.signal.aborted) return;
    o.store.remove(d.id);
    o.logger.warn('eventgrid: dead-lettered', {
      subscription: d.subscription,
      eventId: d.eventId,
      reason: f.deadLetterReason,
      error: record.lastError,
    });
  }

  return {
    start() {
      started = true;
      pump();
    },
    wake: pump,
    async close() {
      closing.abort();
      clearTimeout(timer);
      // Webhook attempts abort at once; a running function or sink write gets a short grace period.
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled(inFlight.values()), new Promise((resolve) => (grace = setTimeout(resolve, 5_000)))]);
      clearTimeout(grace);
    },
  };
}
