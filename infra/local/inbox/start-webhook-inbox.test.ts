import { createHmac, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delivery } from './delivery-log.js';
import { startWebhookInbox, type RunningWebhookInbox } from './start-webhook-inbox.js';

const SECRET = `whsec_${randomBytes(32).toString('base64')}`;
const running: RunningWebhookInbox[] = [];
afterEach(async () => {
  for (const inbox of running.splice(0)) await inbox.close();
});

async function start(options: { keep?: number; maxBodyBytes?: number; onDelivery?: (d: Delivery) => void } = {}) {
  const inbox = await startWebhookInbox({ port: 0, secret: SECRET, ...options });
  running.push(inbox);
  return inbox;
}

/** Signs as a Standard Webhooks sender does (Newsdesk's orchestrator/webhooks/standard-signature.ts). */
function signed(id: string, body: string, secret = SECRET, t = Math.floor(Date.now() / 1000)): Record<string, string> {
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  const signature = createHmac('sha256', key).update(`${id}.${t}.${body}`).digest('base64');
  return { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': `v1,${signature}` };
}

const post = (url: string, body: string, headers: Record<string, string>) => fetch(url, { method: 'POST', headers, body });
const deliveries = async (inbox: RunningWebhookInbox) => (await (await fetch(inbox.url)).json()) as Delivery[];

describe('startWebhookInbox', () => {
  it('keeps a signed delivery as verified, answers 200, calls onDelivery and lists it at GET /deliveries', async () => {
    const seen: Delivery[] = [];
    const inbox = await start({ onDelivery: (d) => seen.push(d) });
    expect(inbox.url).toBe(`http://127.0.0.1:${inbox.port}/deliveries`);
    const body = JSON.stringify({ submissionId: 's1', status: 'completed' });
    const res = await post(inbox.url, body, { ...signed('s1.1', body), 'newsdesk-attempt': '1' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: 's1.1' });

    const [listed] = await deliveries(inbox);
    expect(listed).toMatchObject({ id: 's1.1', path: '/deliveries', verified: true, status: 200, body: JSON.parse(body) });
    expect(listed!.headers['newsdesk-attempt']).toBe('1');
    expect(Date.now() - Date.parse(listed!.receivedAt)).toBeLessThan(10_000);
    expect(listed).not.toHaveProperty('reason');
    expect(seen).toEqual([listed]);
  });

  it('answers 401 to a bad or missing signature, and keeps the delivery as unverified with the reason', async () => {
    const seen: Delivery[] = [];
    const inbox = await start({ onDelivery: (d) => seen.push(d) });
    const body = '{"submissionId":"s2"}';
    const forged = signed('s2.1', body, `whsec_${randomBytes(32).toString('base64')}`);
    expect((await post(inbox.url, body, forged)).status).toBe(401);
    const stale = signed('s2.1', body, SECRET, Math.floor(Date.now() / 1000) - 3600);
    expect((await post(inbox.url, body, stale)).status).toBe(401);
    const unsigned = await post(`${inbox.url}?from=curl`, body, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: 'Signature not verified: missing webhook-id, webhook-timestamp or webhook-signature' });

    const listed = await deliveries(inbox);
    expect(listed.map((d) => [d.id, d.verified, d.status, d.reason])).toEqual([
      ['s2.1', false, 401, 'no v1 signature matches the secret'],
      ['s2.1', false, 401, 'webhook-timestamp is more than 300 s away from now'],
      [null, false, 401, 'missing webhook-id, webhook-timestamp or webhook-signature'],
    ]);
    expect(listed[2]!.path).toBe('/deliveries?from=curl');
    expect(seen).toHaveLength(3);
  });

  it('keeps the last deliveries only, oldest dropped first', async () => {
    const inbox = await start({ keep: 200 });
    for (let n = 1; n <= 205; n++) {
      const body = JSON.stringify({ n });
      expect((await post(inbox.url, body, signed(`d.${n}`, body))).status).toBe(200);
    }
    const listed = await deliveries(inbox);
    expect(listed).toHaveLength(200);
    expect(listed[0]!.id).toBe('d.6');
    expect(listed.at(-1)!.id).toBe('d.205');
  });

  it('takes deliveries on any path, so one inbox can stand for several webhook URLs', async () => {
    const inbox = await start();
    const body = '{}';
    expect((await post(`http://127.0.0.1:${inbox.port}/desk-a`, body, signed('a.1', body))).status).toBe(200);
    expect((await deliveries(inbox)).map((d) => d.path)).toEqual(['/desk-a']);
  });

  describe('bad requests get a 4xx and the inbox keeps serving', () => {
    it('a body that is not JSON: 400, kept as text', async () => {
      const inbox = await start();
      const res = await post(inbox.url, 'not json', signed('x.1', 'not json'));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ error: 'The body is not JSON' });
      expect(await deliveries(inbox)).toMatchObject([{ id: 'x.1', verified: true, status: 400, body: 'not json' }]);
    });

    it('a body over the limit: 413, not kept', async () => {
      const inbox = await start({ maxBodyBytes: 1024 });
      const body = JSON.stringify({ pad: 'x'.repeat(2000) });
      expect((await post(inbox.url, body, signed('big.1', body))).status).toBe(413);
      expect(await deliveries(inbox)).toEqual([]);
    });

    it('another method: 405 with Allow; another GET path: 404', async () => {
      const inbox = await start();
      const put = await fetch(inbox.url, { method: 'PUT', body: '{}' });
      expect(put.status).toBe(405);
      expect(put.headers.get('allow')).toBe('GET, POST');
      expect((await fetch(`http://127.0.0.1:${inbox.port}/`)).status).toBe(404);
    });

    it('a request cut off mid-body, or a malformed one, leaves it serving', async () => {
      const inbox = await start();
      await new Promise<void>((resolve) => {
        const req = request(inbox.url, { method: 'POST', headers: { 'content-length': '1000' } });
        req.on('error', () => resolve());
        req.write('{"partial":');
        setTimeout(() => (req.destroy(), resolve()), 50);
      });
      const socket = connect(inbox.port, '127.0.0.1');
      socket.end('NOT HTTP AT ALL\r\n\r\n');
      await new Promise((r) => socket.on('close', r));

      const body = '{"after":true}';
      expect((await post(inbox.url, body, signed('after.1', body))).status).toBe(200);
      expect((await deliveries(inbox)).map((d) => d.id)).toEqual(['after.1']);
    });
  });

  it('refuses an empty secret, and a busy port with the listen error', async () => {
    await expect(startWebhookInbox({ port: 0, secret: '' })).rejects.toThrow(RangeError);
    const inbox = await start();
    await expect(startWebhookInbox({ port: inbox.port, secret: SECRET })).rejects.toThrow(/EADDRINUSE/);
  });
});
