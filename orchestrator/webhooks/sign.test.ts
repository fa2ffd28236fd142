import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifySignature } from '../../lib/webhooks/verify-signature.js';
import { signPayload } from './sign.js';

const secret = 'whsec_test_0123456789';
const body = '{"submissionId":"3f1c","status":"completed","note":"Zürich 📷"}';
const t = 1_767_225_600; // 2026-01-01T00:00:00Z
const hmac = (key: string, text: string): string => createHmac('sha256', key).update(text, 'utf8').digest('hex');

describe('signPayload', () => {
  it('is t=<unix>,v1=<hex HMAC-SHA256 of "t.body">', () => {
    expect(signPayload(body, secret, t)).toBe(`t=${t},v1=${hmac(secret, `${t}.${body}`)}`);
    // A fixed vector (computed with `openssl dgst -sha256 -hmac secret`), so a change in
    // encoding or format cannot pass by changing both sides of the comparison.
    expect(signPayload('{"a":1}', 'secret', 1_700_000_000)).toBe(
      't=1700000000,v1=49f24e537407743fa4a0242bb63b94b9a47ee99cbbe071ccd8a22550ae411686',
    );
  });

  it('carries one v1 per secret during a rotation, newest first, each verifying with its own secret', () => {
    const header = signPayload(body, [secret, 'whsec_old'], t);
    expect(header).toBe(`t=${t},v1=${hmac(secret, `${t}.${body}`)},v1=${hmac('whsec_old', `${t}.${body}`)}`);
    expect(signPayload(body, [secret], t)).toBe(signPayload(body, secret, t));
    for (const key of [secret, 'whsec_old']) expect(verifySignature(header, body, key, { now: t })).toBe(true);
    expect(verifySignature(header, body, 'whsec_third', { now: t })).toBe(false);
  });

  it('refuses a fractional or negative time and an empty secret', () => {
    expect(() => signPayload(body, [], t)).toThrow(RangeError);
    expect(() => signPayload(body, [secret, ''], t)).toThrow(RangeError);
    expect(() => signPayload(body, secret, 1.5)).toThrow(RangeError);
    expect(() => signPayload(body, secret, -1)).toThrow(RangeError);
    expect(() => signPayload(body, '', t)).toThrow(RangeError);
  });
});

describe('verifySignature', () => {
  const header = signPayload(body, secret, t);
  const at = { now: t + 10 };

  it('accepts its own signature, within the tolerance either side', () => {
    expect(verifySignature(header, body, secret, at)).toBe(true);
    expect(verifySignature(header, body, secret, { now: t + 300 })).toBe(true);
    expect(verifySignature(header, body, secret, { now: t - 300 })).toBe(true);
    expect(verifySignature(` t=${t} , v1=${hmac(secret, `${t}.${body}`).toUpperCase()} `, body, secret, at)).toBe(true);
  });

  it('rejects a tampered body, a wrong secret and a changed timestamp', () => {
    expect(verifySignature(header, body.replace('completed', 'failed'), secret, at)).toBe(false);
    expect(verifySignature(header, `${body} `, secret, at)).toBe(false);
    expect(verifySignature(header, body, 'whsec_other', at)).toBe(false);
    expect(verifySignature(header.replace(`t=${t}`, `t=${t + 1}`), body, secret, at)).toBe(false);
  });

  it('rejects a stale or future timestamp, with a configurable tolerance', () => {
    expect(verifySignature(header, body, secret, { now: t + 301 })).toBe(false);
    expect(verifySignature(header, body, secret, { now: t - 301 })).toBe(false);
    expect(verifySignature(header, body, secret, { now: t + 3600, toleranceSeconds: 3600 })).toBe(true);
    expect(verifySignature(header, body, secret, { now: t + 61, toleranceSeconds: 60 })).toBe(false);
    // Without `now`, the clock is used.
    expect(verifySignature(signPayload(body, secret, Math.floor(Date.now() / 1000)), body, secret)).toBe(true);
    expect(verifySignature(signPayload(body, secret, Math.floor(Date.now() / 1000) - 3600), body, secret)).toBe(false);
  });

  it('accepts any of several v1 values (secret rotation), and rejects when none matches', () => {
    const old = hmac('whsec_old', `${t}.${body}`);
    const current = hmac(secret, `${t}.${body}`);
    expect(verifySignature(`t=${t},v1=${old},v1=${current}`, body, secret, at)).toBe(true);
    expect(verifySignature(`t=${t},v1=${old},v1=${current}`, body, 'whsec_old', at)).toBe(true);
    expect(verifySignature(`t=${t},v1=${old},v1=${current}`, body, 'whsec_third', at)).toBe(false);
    // Unknown schemes are ignored, so a future v2 can be added beside v1.
    expect(verifySignature(`t=${t},v2=abc,v1=${current}`, body, secret, at)).toBe(true);
  });

  it.each([
    ['', 'empty'],
    [`v1=${'a'.repeat(64)}`, 'no timestamp'],
    [`t=${t}`, 'no signature'],
    [`t=${t},t=${t},v1=SIG`, 'two timestamps'],
    [`t=abc,v1=SIG`, 'a non-numeric timestamp'],
    [`t=-${t},v1=SIG`, 'a negative timestamp'],
    [`t=${t}.5,v1=SIG`, 'a fractional timestamp'],
    [`t=${t};v1=SIG`, 'the wrong separator'],
    [`t=${t},v1=SIG=`, 'an extra "="'],
    [`t=${t},v1`, 'a key without a value'],
    [`t=${t},v1=SIG00`, 'a signature of the wrong length'],
    [`t=${t},v1=${'z'.repeat(64)}`, 'a signature that is not hex'],
    [`t=${t},,v1=SIG`, 'an empty pair'],
  ])('rejects a malformed header: %j (%s)', (raw) => {
    const valid = hmac(secret, `${t}.${body}`);
    expect(verifySignature(raw.replaceAll('SIG', valid), body, secret, at)).toBe(false);
  });

  it('rejects everything with an empty secret', () => {
    const empty = `t=${t},v1=${hmac('', `${t}.${body}`)}`;
    expect(verifySignature(empty, body, '', at)).toBe(false);
  });
});
