import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExtensionContext } from './extension-context.js';
import { readCapped } from '../read-capped.js';

const MAX = 1024 * 1024;

async function readJson(req: IncomingMessage): Promise<unknown> {
  const body = await readCapped(req, MAX, { drain: false });
  if (!body) throw new Error('too large');
  return JSON.parse(body.toString('utf8')) as unknown;
}

/**
 * `POST /runtime/webhooks/eventgrid?functionName=X`: the endpoint a real Event Grid subscription
 * calls on a Functions host. Answers the subscription-validation handshake; runs the function once
 * per event otherwise, and answers 500 when it throws so Event Grid retries.
 */
export async function serveEventGridWebhook(req: IncomingMessage, res: ServerResponse, url: URL, ctx: ExtensionContext): Promise<void> {
  const name = url.searchParams.get('functionName') ?? '';
  const target = ctx.registrations.find((r) => r.name === name && r.trigger.type === 'eventGridTrigger');
  if (req.method !== 'POST') return void res.writeHead(405, { allow: 'POST' }).end();
  if (!target) return void (req.resume(), res.writeHead(404).end(`No eventGridTrigger function named '${name}'.`));
  let body: unknown;
  try {
    body = await readJson(req);
  } catch {
    return void res.writeHead(400).end('The body must be JSON (at most 1 MB).');
  }
  const events = Array.isArray(body) ? body : [body];
  const type = String(req.headers['aeg-event-type'] ?? '');
  const first = events[0] as { eventType?: string; data?: { validationCode?: string } } | undefined;
  if (type === 'SubscriptionValidation' && first?.data?.validationCode) {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ validationResponse: first.data.validationCode }));
    return;
  }
  try {
    for (const event of events) await ctx.invokeJson(name, JSON.stringify(event));
    res.writeHead(200).end();
  } catch (error) {
    ctx.logger.error('eventGridTrigger function failed', { function: name, error: String(error) });
    res.writeHead(500).end();
  }
}
