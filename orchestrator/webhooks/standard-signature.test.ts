import { createHmac, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { standardWebhookSignature } from './standard-signature.js';

const body = '{"submissionId":"s1","status":"completed","note":"Zürich 📷"}';
const id = 's1.1';
const now = () => Math.floor(Date.now() / 1000);
const headers = (signature: string, t: number) => ({ 'webhook-id': id, 'webhook-timestamp': String(t), 'webhook-signature': signature });

describe('standardWebhookSignature', () => {
  it('signs as the standardwebhooks package does, with a whsec_ secret', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const t = 1_767_225_600;
    expect(standardWebhookSignature(id, body, secret, t)).toBe(new Webhook(secret).sign(id, new Date(t * 1000), body));
  });

  it('verifies with `new Webhook(secret)` for a base64 secret, with or without the whsec_ prefix', () => {
    const key = randomBytes(24).toString('base64');
    for (const secret of [`whsec_${key}`, key]) {
      const t = now();
      expect(new Webhook(secret).verify(body, headers(standardWebhookSignature(id, body, secret, t), t))).toEqual(JSON.parse(body));
    }
  });

  it("keys any other secret with its own UTF-8 bytes, as Newsdesk-Signature does: `new Webhook(secret, { format: 'raw' })`", () => {
    const t = now();
    for (const secret of ['pipeline-e2e-webhook-secret', 'whsec_integration', 'ä-secret-with-non-ascii', 'abc']) {
      const signature = standardWebhookSignature(id, body, secret, t);
      const expected = createHmac('sha256', Buffer.from(secret, 'utf8')).update(`${id}.${t}.${body}`).digest('base64');
      expect(signature).toBe(`v1,${expected}`);
      // The package's raw format takes a string's char codes as bytes, which are its UTF-8 only for ASCII; bytes work for any.
      expect(() => new Webhook(Buffer.from(secret, 'utf8'), { format: 'raw' }).verify(body, headers(signature, t))).not.toThrow();
      if (/^[\x20-\x7e]+$/.test(secret))
        expect(() => new Webhook(secret, { format: 'raw' }).verify(body, headers(signature, t))).not.toThrow();
    }
  });

  it('does not verify a changed body, id or timestamp, or with another secret', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const t = now();
    const signature = standardWebhookSignature(id, body, secret, t);
    const hook = new Webhook(secret);
    expect(() => hook.verify(body.replace('completed', 'failed'), headers(signature, t))).toThrow(/No matching signature/);
    expect(() => hook.verify(body, { ...headers(signature, t), 'webhook-id': 's1.2' })).toThrow(/No matching signature/);
    expect(() => hook.verify(body, headers(signature, t - 1))).toThrow(/No matching signature/);
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body, headers(signature, t))).toThrow();
  });

  it('signs with both secrets during a rotation: two space-separated entries, and the package verifies with either', () => {
    const [current, old] = [`whsec_${randomBytes(32).toString('base64')}`, `whsec_${randomBytes(32).toString('base64')}`];
    const t = now();
    const signature = standardWebhookSignature(id, body, [current, old], t);
    expect(signature).toBe(`${standardWebhookSignature(id, body, current, t)} ${standardWebhookSignature(id, body, old, t)}`);
    expect(standardWebhookSignature(id, body, [current], t)).toBe(standardWebhookSignature(id, body, current, t));
    for (const secret of [current, old]) expect(new Webhook(secret).verify(body, headers(signature, t))).toEqual(JSON.parse(body));
    expect(() => new Webhook(`whsec_${randomBytes(32).toString('base64')}`).verify(body, headers(signature, t))).toThrow();
  });

  it('refuses a fractional or negative time and an empty secret', () => {
    expect(() => standardWebhookSignature(id, body, [], 1)).toThrow(RangeError);
    expect(() => standardWebhookSignature(id, body, 'secret', 1.5)).toThrow(RangeError);
    expect(() => standardWebhookSignature(id, body, 'secret', -1)).toThrow(RangeError);
    expect(() => standardWebhookSignature(id, body, '', 1)).toThrow(RangeError);
  });
});
