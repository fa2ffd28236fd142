import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDelivery } from './verify-delivery.js';

const secret = 'whsec_unit';
const body = '{"submissionId":"s1","status":"completed","note":"Zürich"}';
const t = 1_767_225_600;
const signature = `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
const at = (seconds: number) => seconds * 1000;

describe('verifyDelivery', () => {
  it('checks the raw body, or the JSON it parsed to, with the header named in any case', () => {
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body }, secret, 300, at(t))).toBe(true);
    expect(verifyDelivery({ headers: { 'Newsdesk-Signature': [signature] }, body: JSON.parse(body) }, secret, 300, at(t))).toBe(true);
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body: `${body} ` }, secret, 300, at(t))).toBe(false);
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body }, 'whsec_other', 300, at(t))).toBe(false);
  });

  it('checks the time against when it was received, when saved, else now', () => {
    const receivedAt = new Date(at(t + 5)).toISOString();
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body, receivedAt }, secret, 300, at(t + 86_400))).toBe(true);
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body }, secret, 300, at(t + 86_400))).toBe(false);
    expect(verifyDelivery({ headers: { 'newsdesk-signature': signature }, body }, secret, 86_400, at(t + 86_400))).toBe(true);
  });

  it('refuses what is not a delivery, or has no signature', () => {
    expect(() => verifyDelivery([], secret, 300)).toThrow('A delivery is a JSON object with "headers" and "body".');
    expect(() => verifyDelivery({ headers: {}, body }, secret, 300)).toThrow('The delivery has no Newsdesk-Signature header.');
  });
});
