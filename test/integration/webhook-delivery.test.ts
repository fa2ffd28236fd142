import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../lib/net/allow-list.js';
import type { Lookup } from '../../lib/net/lookup.js';
import { deliverWebhook, type WebhookRequest } from '../../orchestrator/webhooks/deliver-webhook.js';
import { verifySignature } from '../../lib/webhooks/verify-signature.js';

const secret = 'whsec_integration';
const body = JSON.stringify({ submissionId: 'sub-1', status: 'completed', note: 'Zürich 📷' });
const allowList = parseAllowList('127.0.0.0/8');
const now = (): Date => new Date();

type Hit = { path: string; headers: IncomingHttpHeaders; body: string; signatureValid: boolean };
let hits: Hit[] = [];
let server: Server;
let base: string;
let port: number;

/** Each path is one receiver behaviour; every request is recorded with its signature checked. */
const routes: Record<string, (res: ServerResponse) => void> = {
  '/ok': (res) => setTimeout(() => res.writeHead(200).end('thanks'), 50),
  '/fail': (res) => res.writeHead(500, { 'content-type': 'text/plain' }).end('  database down\n'),
  '/gone': (res) => res.writeHead(410).end('no such hook'),
  '/slow': () => undefined, // never answers
  '/redirect': (res) => res.writeHead(302, { location: `${base}/target` }).end(),
  '/target': (res) => res.writeHead(200).end(),
  // A failure whose body never ends: only a capped read returns before the timeout.
  '/endless-error': (res) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.write('x'.repeat(200 * 1024));
  },
  '/endless-ok': (res) => {
    res.writeHead(200);
    res.write('streaming...');
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const signature = String(req.headers['newsdesk-signature'] ?? '');
      hits.push({ path: req.url ?? '', headers: req.headers, body: raw, signatureValid: verifySignature(signature, raw, secret) });
      (routes[req.url ?? ''] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
beforeEach(() => {
  hits = [];
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await once(server, 'close');
});

const webhook = (url: string, attempt = 1): WebhookRequest => ({ url, deliveryId: 'sub-1.webhook', body, secret, attempt });

/** A DNS stand-in for names only: answers in turn, and counts how often it was asked. */
function scriptedDns(...answers: string[]): Lookup & { asked: number } {
  const lookup = async () => {
    const address = answers[Math.min(lookup.asked++, answers.length - 1)]!;
    return [{ address, family: 4 as const }];
  };
  lookup.asked = 0;
  return lookup;
}

const noDns: Lookup = () => expect.unreachable('DNS was asked for an IP literal');

describe('deliverWebhook against a real receiver', () => {
  it('delivers a signed POST on 2xx and measures the latency', async () => {
    const at = new Date('2026-03-01T12:00:00.000Z');
    const attempt = await deliverWebhook(webhook(`${base}/ok`, 3), { allowList, lookup: noDns, now });
    expect(attempt).toMatchObject({ deliveryId: 'sub-1.webhook', attempt: 3, outcome: 'delivered', status: 200 });
    expect(attempt.error).toBeUndefined();
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(45);
    expect(attempt.latencyMs).toBeLessThan(5000);
    expect(Math.abs(Date.parse(attempt.at) - Date.now())).toBeLessThan(5000);

    expect(hits).toHaveLength(1);
    const [hit] = hits;
    expect(hit!.body).toBe(body);
    expect(hit!.signatureValid).toBe(true);
    expect(hit!.headers).toMatchObject({
      'content-type': 'application/json',
      'user-agent': 'Newsdesk-Webhooks/1',
      'newsdesk-delivery': 'sub-1.webhook',
      'newsdesk-attempt': '3',
    });
    // The signature is tied to the clock we were given, not to the machine's.
    const signedAt = await deliverWebhook(webhook(`${base}/ok`), { allowList, now: () => at });
    expect(signedAt.at).toBe('2026-03-01T12:00:00.000Z');
    expect(hits[1]!.headers['newsdesk-signature']).toMatch(new RegExp(`^t=${at.getTime() / 1000},v1=[0-9a-f]{64}$`));
    expect(hits[1]!.signatureValid).toBe(false); // stale for a receiver living now
  });

  it('signs as Standard Webhooks does too: the standardwebhooks package verifies a delivery with the secret as given', async () => {
    const standardSecret = `whsec_${randomBytes(32).toString('base64')}`;
    expect((await deliverWebhook({ ...webhook(`${base}/ok`), secret: standardSecret }, { allowList, now })).outcome).toBe('delivered');
    const { headers, body: received } = hits[0]!;
    expect(headers).toMatchObject({ 'webhook-id': 'sub-1.webhook', 'webhook-signature': expect.stringMatching(/^v1,[A-Za-z0-9+/]{43}=$/) });
    // One clock for both schemes: the Newsdesk-Signature's t is the webhook-timestamp.
    expect(headers['newsdesk-signature']).toMatch(new RegExp(`^t=${String(headers['webhook-timestamp'])},v1=`));
    const standard = headers as Record<string, string>;
    expect(new Webhook(standardSecret).verify(received, standard)).toEqual(JSON.parse(body));
    const tampered = received.replace('completed', 'failed');
    expect(() => new Webhook(standardSecret).verify(tampered, standard)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(standardSecret).verify(received, { ...standard, 'webhook-id': 'sub-1.other' })).toThrow(
      WebhookVerificationError,
    );
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(received, standard)).toThrow(WebhookVerificationError);
  });

  it("verifies in the package's raw format where the secret is not base64", async () => {
    await deliverWebhook(webhook(`${base}/ok`), { allowList, now });
    const { headers, body: received } = hits[0]!;
    expect(new Webhook(secret, { format: 'raw' }).verify(received, headers as Record<string, string>)).toEqual(JSON.parse(body));
  });

  it('retries on 500, keeping the status and the start of the answer', async () => {
    const attempt = await deliverWebhook(webhook(`${base}/fail`), { allowList, now });
    expect(attempt).toMatchObject({ outcome: 'retry', status: 500, error: 'HTTP 500: database down' });
    expect(hits.map((h) => h.path)).toEqual(['/fail']);
  });

  it('stops on 410 Gone', async () => {
    expect(await deliverWebhook(webhook(`${base}/gone`), { allowList, now })).toMatchObject({ outcome: 'gone', status: 410 });
  });

  it('retries when the receiver does not answer within timeoutMs', async () => {
    const attempt = await deliverWebhook(webhook(`${base}/slow`), { allowList, now, timeoutMs: 300 });
    expect(attempt).toMatchObject({ outcome: 'retry', error: 'timed out after 300 ms' });
    expect(attempt.status).toBeUndefined();
    expect(attempt.latencyMs).toBeGreaterThanOrEqual(290);
    expect(attempt.latencyMs).toBeLessThan(3000);
    expect(hits.map((h) => h.path)).toEqual(['/slow']);
  });

  it('retries when the connection is refused', async () => {
    const closed = createServer();
    closed.listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const freePort = (closed.address() as AddressInfo).port;
    closed.close();
    await once(closed, 'close');
    const attempt = await deliverWebhook(webhook(`http://127.0.0.1:${freePort}/hook`), { allowList, now });
    expect(attempt).toMatchObject({ outcome: 'retry' });
    expect(attempt.status).toBeUndefined();
    expect(attempt.error).toMatch(/ECONNREFUSED/);
  });

  it('does not follow a redirect', async () => {
    const attempt = await deliverWebhook(webhook(`${base}/redirect`), { allowList, now });
    expect(attempt).toMatchObject({ outcome: 'retry', status: 302 });
    expect(attempt.error).toMatch(/^redirect not followed/);
    expect(hits.map((h) => h.path)).toEqual(['/redirect']);
  });

  it('reads at most 64 KB of a failed answer, so an endless one does not hold the attempt', async () => {
    const started = performance.now();
    const attempt = await deliverWebhook(webhook(`${base}/endless-error`), { allowList, now, timeoutMs: 5000 });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(attempt).toMatchObject({ outcome: 'retry', status: 500 });
    expect(attempt.error).toMatch(/^HTTP 500: x+$/);
    expect(attempt.error!.length).toBeLessThanOrEqual(1024 + 'HTTP 500: '.length);
  });

  it('counts a 2xx as delivered without waiting for its body to end', async () => {
    const started = performance.now();
    const attempt = await deliverWebhook(webhook(`${base}/endless-ok`), { allowList, now, timeoutMs: 2000 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(attempt).toMatchObject({ outcome: 'delivered', status: 200 });
  });
});

describe('deliverWebhook SSRF guard at delivery time', () => {
  it('refuses a private address that is not allow-listed, sending nothing', async () => {
    const attempt = await deliverWebhook(webhook('http://10.255.255.1/hook'), { allowList, lookup: noDns, now, timeoutMs: 5000 });
    expect(attempt.outcome).toBe('rejected-url');
    expect(attempt.error).toMatch(/10\.255\.255\.1 is not a public address \(private\)/);
    expect(attempt.status).toBeUndefined();
    // A connection attempt to this unroutable address would have run into the timeout.
    expect(attempt.latencyMs).toBeLessThan(1000);
  });

  it('refuses a name that resolves to a private address, and never asks DNS again to connect', async () => {
    const dns = scriptedDns('10.0.0.1', '127.0.0.1');
    const attempt = await deliverWebhook(webhook(`http://evil.test:${port}/ok`), { allowList, lookup: dns, now });
    expect(attempt).toMatchObject({ outcome: 'rejected-url' });
    expect(attempt.error).toMatch(/evil\.test resolves to 10\.0\.0\.1, which is not public \(private\)/);
    expect(dns.asked).toBe(1);
    expect(hits).toEqual([]);
  });

  it('connects to the address it checked, even if DNS would now answer differently (rebinding)', async () => {
    const dns = scriptedDns('127.0.0.1', '10.255.255.1');
    const attempt = await deliverWebhook(webhook(`http://evil.test:${port}/ok`), { allowList, lookup: dns, now, timeoutMs: 3000 });
    expect(attempt).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(dns.asked).toBe(1);
    // The request kept its name: only the socket was pinned.
    expect(hits.map((h) => [h.path, h.headers.host, h.signatureValid])).toEqual([['/ok', `evil.test:${port}`, true]]);
  });

  it('retries (not rejects) when DNS does not answer', async () => {
    const failing: Lookup = async () => {
      throw Object.assign(new Error('getaddrinfo EAI_AGAIN evil.test'), { code: 'EAI_AGAIN' });
    };
    const attempt = await deliverWebhook(webhook(`http://evil.test:${port}/ok`), { allowList, lookup: failing, now });
    expect(attempt).toMatchObject({ outcome: 'retry', error: 'cannot resolve host evil.test' });
    expect(hits).toEqual([]);
  });

  it('refuses URLs the guard refuses at submission too', async () => {
    for (const url of ['ftp://127.0.0.1/', 'http://user:pw@127.0.0.1/', 'not a url', 'http://metadata.internal/']) {
      expect(await deliverWebhook(webhook(url), { allowList, lookup: noDns, now })).toMatchObject({ outcome: 'rejected-url' });
    }
    expect(hits).toEqual([]);
  });
});
