import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../host/types.js';
import { isAuthorized } from './authorize.js';
import { openDeliveryStore, type NewDelivery } from './delivery-store.js';
import { createDispatcher } from './dispatcher.js';
import { matchesFilter } from './filter.js';
import { parsePublishedEvents, PublishError } from './parse-events.js';
import type { EventGridTopic, EventGridTopicOptions } from './types.js';
import { readCapped } from '../read-capped.js';

/** Azure's limit for one publish request. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const silent: Logger = { info() {}, warn() {}, error() {} };

/**
 * A local Event Grid custom topic: `handle` is the publish endpoint `EventGridPublisherClient` posts to;
 * accepted events are persisted per matching subscription before the 200, then pushed to functions or
 * webhooks with Azure's retry and dead-letter behaviour once `start()` has been called.
 */
export function createEventGridTopic(opts: EventGridTopicOptions): EventGridTopic {
  const logger = opts.logger ?? silent;
  const store = openDeliveryStore(opts.store, opts.topicName);
  const dispatcher = createDispatcher({
    topicName: opts.topicName,
    store,
    subscriptions: opts.subscriptions,
    deliverToFunction: opts.deliverToFunction,
    deadLetter: opts.deadLetter,
    maxDeliveryAttempts: opts.retry?.maxDeliveryAttempts ?? 30,
    initialDelayMs: opts.retry?.initialDelayMs ?? 10_000,
    maxDelayMs: opts.retry?.maxDelayMs ?? 12 * 60 * 60 * 1000,
    eventTimeToLiveMs: opts.retry?.eventTimeToLiveMs ?? 24 * 60 * 60 * 1000,
    deliveryTimeoutMs: opts.deliveryTimeoutMs ?? 30_000,
    concurrency: opts.concurrency ?? 16,
    logger,
  });
  let closed = false;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      // Always drain the body: answering before the client finished sending resets its connection.
      const body = await readCapped(req, MAX_REQUEST_BYTES);
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
      if (!path.endsWith('/api/events')) return sendError(res, 404, 'NotFound', `No Event Grid endpoint at ${path}.`);
      if (req.method !== 'POST') {
        res.setHeader('allow', 'POST');
        return sendError(res, 405, 'MethodNotAllowed', `The ${req.method} method is not allowed; use POST.`);
      }
      if (!isAuthorized(req.headers, opts.key)) {
        return sendError(
          res,
          401,
          'Unauthorized',
          `The request to topic '${opts.topicName}' carries no valid aeg-sas-key or aeg-sas-token.`,
        );
      }
      if (!body) {
        return sendError(res, 413, 'RequestEntityTooLarge', `The request body exceeds the maximum size of ${MAX_REQUEST_BYTES} bytes.`);
      }
      if (closed) return sendError(res, 503, 'ServiceUnavailable', `Topic '${opts.topicName}' is shutting down.`);

      const events = parsePublishedEvents(body, req.headers['content-type'], opts.topicName);
      const acceptedAt = Date.now();
      const deliveries: NewDelivery[] = [];
      for (const e of events) {
        for (const sub of opts.subscriptions) {
          if (!matchesFilter(sub.filter, e)) continue;
          deliveries.push({ subscription: sub.name, schema: e.schema, eventId: e.id, event: e.event, acceptedAt });
        }
      }
      store.insert(deliveries);
      logger.info('eventgrid: accepted events', {
        topic: opts.topicName,
        events: events.length,
        deliveries: deliveries.length,
      });
      res.writeHead(200, { 'content-length': '0' }).end();
      dispatcher.wake();
    } catch (err) {
      if (err instanceof PublishError) return sendError(res, err.status, err.code, err.message);
      logger.error('eventgrid: publish failed', { topic: opts.topicName, error: String(err) });
      if (!res.headersSent) sendError(res, 500, 'InternalServerError', 'The event could not be stored.');
      else res.destroy();
    }
  }

  return {
    handle,
    start: () => dispatcher.start(),
    async close() {
      if (closed) return;
      closed = true;
      await dispatcher.close();
      store.close();
    },
  };
}

function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  const body = JSON.stringify({ error: { code, message } });
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
