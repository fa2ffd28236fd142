import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../host/types.js';
import { DeliveryLog, type Delivery } from './delivery-log.js';
import { verifyStandardWebhook } from './verify-standard-webhook.js';
import { readCapped } from '../read-capped.js';

export interface WebhookInboxOptions {
  /** Loopback only by default: what it shows is whatever was posted to it. */
  host?: string;
  /** 0 picks a free port. */
  port: number;
  /** The webhook secret the sender signs with (`whsec_…` or any other string; see verifyStandardWebhook). */
  secret: string;
  /** How many deliveries `GET /deliveries` keeps, oldest dropped first. Default 200. */
  keep?: number;
  /** A larger body is refused with 413 and not kept. Default 10 MB. */
  maxBodyBytes?: number;
  /** How far `webhook-timestamp` may be from now. Default 300 s, as the specification's libraries allow. */
  toleranceSeconds?: number;
  /** Called with each delivery that was kept, verified or not, after it was answered. */
  onDelivery?: (delivery: Delivery) => void;
  logger?: Logger;
}

export interface RunningWebhookInbox {
  port: number;
  /** Where to send deliveries (POST) and read them back (GET): `http://host:port/deliveries`. */
  url: string;
  deliveries(): readonly Delivery[];
  close(): Promise<void>;
}

const silent: Logger = { info() {}, warn() {}, error() {} };

/**
 * A local webhook receiver: verifies each POSTed delivery's Standard Webhooks signature, keeps the last deliveries in
 * memory for `GET /deliveries`, and answers 2xx. A delivery whose signature does not verify is kept (to show what
 * came) but answered 401, as a real receiver refuses a forgery: the sender then retries and reports the failure, so a
 * wrong secret is seen rather than silently accepted. A body that is not JSON is answered 400, one too large 413.
 */
export async function startWebhookInbox(opts: WebhookInboxOptions): Promise<RunningWebhookInbox> {
  if (opts.secret === '') throw new RangeError('The inbox needs the secret deliveries are signed with');
  const log = new DeliveryLog(opts.keep ?? 200);
  const logger = opts.logger ?? silent;
  const maxBytes = opts.maxBodyBytes ?? 10 * 1024 * 1024;

  const receive = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const raw = await readCapped(req, maxBytes);
    if (raw === undefined) return answer(res, 413, { error: `The body is over ${maxBytes} bytes` });
    const header = (name: string) => (typeof req.headers[name] === 'string' ? req.headers[name] : undefined);
    const check = verifyStandardWebhook(
      {
        'webhook-id': header('webhook-id'),
        'webhook-timestamp': header('webhook-timestamp'),
        'webhook-signature': header('webhook-signature'),
      },
      raw,
      opts.secret,
      { toleranceSeconds: opts.toleranceSeconds },
    );
    const text = raw.toString('utf8');
    const body = parseJson(text);
    const status = !check.verified ? 401 : body === undefined ? 400 : 200;
    const delivery: Delivery = {
      id: header('webhook-id') ?? null,
      receivedAt: new Date().toISOString(),
      path: req.url ?? '/',
      headers: req.headers,
      verified: check.verified,
      ...(check.verified ? {} : { reason: check.reason }),
      status,
      body: body === undefined ? text : body.value,
    };
    log.add(delivery);
    if (status === 200) answer(res, 200, { received: delivery.id });
    else answer(res, status, { error: check.verified ? 'The body is not JSON' : `Signature not verified: ${check.reason}` });
    try {
      opts.onDelivery?.(delivery);
    } catch (error) {
      logger.error('webhook inbox: onDelivery failed', { error: String(error) });
    }
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://inbox').pathname;
    if (req.method === 'GET' && path === '/deliveries') return answer(res, 200, log.list());
    if (req.method === 'GET') return answer(res, 404, { error: 'Nothing here: GET /deliveries lists what came' });
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST a delivery, or GET /deliveries' }, { allow: 'GET, POST' });
    receive(req, res).catch((error: unknown) => {
      logger.error('webhook inbox: delivery could not be read', { error: String(error) });
      if (!res.headersSent) answer(res, 400, { error: 'The request could not be read' });
    });
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  server.listen(opts.port, opts.host ?? '127.0.0.1');
  await Promise.race([once(server, 'listening'), once(server, 'error').then(([error]) => Promise.reject(error as Error))]);
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}/deliveries`;
  logger.info('webhook inbox: listening', { url });

  let closed: Promise<void> | undefined;
  return {
    port,
    url,
    deliveries: () => log.list(),
    close: () =>
      (closed ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}
