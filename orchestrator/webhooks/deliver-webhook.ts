import { request, type Agent } from 'undici';
import type { DeliveryAttempt } from '../../adapters/delivery-store/delivery-store.js';
import type { AllowList } from '../../lib/net/allow-list.js';
import type { Lookup } from '../../lib/net/lookup.js';
import { withTraceHeaders } from '../../adapters/telemetry/traceparent.js';
import { describeNetworkError } from '../../lib/net/describe-network-error.js';
import { pinnedAgent } from '../../lib/net/pinned-agent.js';
import { resolveTarget } from '../../lib/net/resolve-target.js';
import { untilAborted } from '../../lib/net/until-aborted.js';
import { discardBody } from '../../lib/streams/discard-body.js';
import { readCapped } from '../../lib/streams/read-capped.js';
import { signPayload } from './sign.js';
import { standardWebhookSignature } from './standard-signature.js';

export type { DeliveryAttempt };

export interface WebhookRequest {
  url: string;
  /** Derived from the submission, so every retry (and a replayed activity) carries the same id. */
  deliveryId: string;
  /** The exact bytes to sign and send. */
  body: string;
  /** The client's webhook secret; two, newest first, while a rotation's overlap runs (one signature each). */
  secret: string | readonly string[];
  attempt: number;
}

export interface DeliverWebhookDeps {
  allowList: AllowList;
  /** DNS; tests inject one. */
  lookup?: Lookup;
  now(): Date;
  /** The whole try: DNS, connect, answer. Default 10 s. */
  timeoutMs?: number;
}

/** How much of a failed answer we read, and how much of it goes into the attempt record. */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_ERROR_CHARS = 1024;

/**
 * One signed POST of a webhook. Never throws for anything the receiver or the network does: the
 * outcome says what the orchestration should do next (delivered, gone: stop, retry, rejected-url).
 * The SSRF guard runs again here, not only at submission, since DNS may have changed since, and
 * the socket is pinned to the addresses it checked.
 */
export async function deliverWebhook(webhook: WebhookRequest, deps: DeliverWebhookDeps): Promise<DeliveryAttempt> {
  const at = deps.now();
  const unixSeconds = Math.floor(at.getTime() / 1000);
  const started = performance.now();
  // Latency is the time to the receiver's answer (status line), not to the end of our clean-up.
  let answered: number | undefined;
  const timeoutMs = deps.timeoutMs ?? 10_000;
  const finish = (outcome: DeliveryAttempt['outcome'], extra: { status?: number; error?: string } = {}): DeliveryAttempt => ({
    deliveryId: webhook.deliveryId,
    attempt: webhook.attempt,
    at: at.toISOString(),
    outcome,
    ...extra,
    latencyMs: Math.round((answered ?? performance.now()) - started),
  });

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  let agent: Agent | undefined;
  try {
    const target = await untilAborted(resolveTarget(webhook.url, deps), deadline.signal);
    if (target.kind === 'rejected') return finish('rejected-url', { error: `The webhook URL is rejected: ${target.reason}.` });
    if (target.kind === 'unresolved') return finish('retry', { error: target.reason });

    agent = pinnedAgent(target.addresses, timeoutMs);
    const response = await request(target.url, {
      dispatcher: agent,
      method: 'POST',
      // The receiver may join the submission's trace: the delivery activity's traceparent goes along.
      headers: withTraceHeaders({
        'content-type': 'application/json',
        'user-agent': 'Newsdesk-Webhooks/1',
        'Newsdesk-Delivery': webhook.deliveryId,
        'Newsdesk-Signature': signPayload(webhook.body, webhook.secret, unixSeconds),
        'Newsdesk-Attempt': String(webhook.attempt),
        // The same delivery signed as the Standard Webhooks specification does, for receivers that verify with its libraries.
        'webhook-id': webhook.deliveryId,
        'webhook-timestamp': String(unixSeconds),
        'webhook-signature': standardWebhookSignature(webhook.deliveryId, webhook.body, webhook.secret, unixSeconds),
      }),
      body: webhook.body,
      signal: deadline.signal,
    });
    const status = response.statusCode;
    answered = performance.now();
    if (status >= 200 && status < 300) {
      // Nothing to read from a success; a receiver still streaming must not turn it into a timeout.
      discardBody(response.body, { bytes: 0 });
      return finish('delivered', { status });
    }
    if (status >= 300 && status < 400) {
      discardBody(response.body, { bytes: 0 });
      const location = String(response.headers.location ?? '').slice(0, 200);
      return finish('retry', { status, error: `redirect not followed (HTTP ${status}${location ? ` to ${location}` : ''})` });
    }
    // A receiver must not be able to make us buffer (or wait for) an endless answer.
    const head = await readCapped(response.body, MAX_BODY_BYTES, { excerpt: true });
    discardBody(response.body, { bytes: 0 });
    const excerpt = head.toString('utf8').trim().slice(0, MAX_ERROR_CHARS);
    const error = `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}`;
    return finish(status === 410 ? 'gone' : 'retry', { status, error });
  } catch (error) {
    return finish('retry', {
      error: deadline.signal.aborted ? String((deadline.signal.reason as Error).message) : describeNetworkError(error),
    });
  } finally {
    clearTimeout(timer);
    await agent?.destroy().catch(() => undefined);
  }
}
