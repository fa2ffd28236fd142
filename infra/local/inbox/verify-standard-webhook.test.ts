import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyStandardWebhook } from './verify-standard-webhook.js';

// The example of the Standard Webhooks specification (and of its libraries' tests).
const SPEC = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: '1614265330',
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const at = { now: 1614265330 };
const headers = (signature: string, timestamp = SPEC.timestamp) => ({
  'webhook-id': SPEC.id,
  'webhook-timestamp': timestamp,
  'webhook-signature': signature,
});

describe('verifyStandardWebhook', () => {
  it("accepts the specification's example, from a string or the raw bytes", () => {
    expect(verifyStandardWebhook(headers(SPEC.signature), SPEC.body, SPEC.secret, at)).toEqual({ verified: true });
    expect(verifyStandardWebhook(headers(SPEC.signature), Buffer.from(SPEC.body), SPEC.secret, at).verified).toBe(true);
    // The prefix is optional: the key is what the base64 encodes.
    expect(verifyStandardWebhook(headers(SPEC.signature), SPEC.body, SPEC.secret.slice(6), at).verified).toBe(true);
  });

  it('keys a secret that is not base64 with its UTF-8 bytes, as Newsdesk signs with it', () => {
    const secret = 'pipeline-e2e-webhook-secret';
    const signature = `v1,${createHmac('sha256', secret).update(`${SPEC.id}.${SPEC.timestamp}.${SPEC.body}`).digest('base64')}`;
    expect(verifyStandardWebhook(headers(signature), SPEC.body, secret, at).verified).toBe(true);
  });

  it('accepts any one matching entry of several (a rotated secret), and ignores other versions', () => {
    const other = 'v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
    expect(verifyStandardWebhook(headers(`v2,xyz ${other} ${SPEC.signature}`), SPEC.body, SPEC.secret, at).verified).toBe(true);
    expect(verifyStandardWebhook(headers(`v2,xyz ${other}`), SPEC.body, SPEC.secret, at)).toEqual({
      verified: false,
      reason: 'no v1 signature matches the secret',
    });
  });

  it('refuses another body, id, secret or a malformed signature', () => {
    const refused = (h: Record<string, string>, body = SPEC.body, secret = SPEC.secret) =>
      !verifyStandardWebhook(h, body, secret, at).verified;
    expect(refused(headers(SPEC.signature), '{"test": 2432232315}')).toBe(true);
    expect(refused({ ...headers(SPEC.signature), 'webhook-id': 'msg_other' })).toBe(true);
    expect(refused(headers(SPEC.signature), SPEC.body, 'whsec_' + Buffer.alloc(24, 1).toString('base64'))).toBe(true);
    for (const malformed of ['', 'v1', 'v1,', 'g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=', `v1,${'A'.repeat(44)}`, `${SPEC.signature}x`])
      expect(refused(headers(malformed)), malformed).toBe(true);
  });

  it('refuses a delivery without the three headers', () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature'] as const) {
      const h: Record<string, string> = headers(SPEC.signature);
      delete h[name];
      expect(verifyStandardWebhook(h, SPEC.body, SPEC.secret, at)).toEqual({
        verified: false,
        reason: 'missing webhook-id, webhook-timestamp or webhook-signature',
      });
    }
  });

  it('refuses a timestamp outside the tolerance, or one that is not unix seconds', () => {
    expect(verifyStandardWebhook(headers(SPEC.signature), SPEC.body, SPEC.secret, { now: 1614265330 + 300 }).verified).toBe(true);
    expect(verifyStandardWebhook(headers(SPEC.signature), SPEC.body, SPEC.secret, { now: 1614265330 + 301 })).toEqual({
      verified: false,
      reason: 'webhook-timestamp is more than 300 s away from now',
    });
    expect(verifyStandardWebhook(headers(SPEC.signature), SPEC.body, SPEC.secret, { now: 1614265330 - 301 }).verified).toBe(false);
    expect(verifyStandardWebhook(headers(SPEC.signature, '1614265330.0'), SPEC.body, SPEC.secret, at).verified).toBe(false);
  });
});
