import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJobToken, type JobTokenClaims } from './sign-job-token.js';
import { verifyJobToken } from './verify-job-token.js';

const KEY = 'job-token-key-for-tests-0123456789abcdef';
const NOW = new Date('2030-01-01T00:00:00Z');
const claims: JobTokenClaims = {
  jobId: 's1.f1',
  instanceId: 's1.f1',
  events: ['AnalysisCompleted', 'AnalysisFailed'],
  expiresAt: NOW.getTime() / 1000 + 60,
};
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const macOf = (key: string, encoded: string) => createHmac('sha256', key).update(`v1.${encoded}`).digest('base64url');

describe('job tokens', () => {
  it('verify under the key they were signed with, giving back their claims', () => {
    expect(verifyJobToken([KEY], signJobToken(KEY, claims), NOW)).toEqual({ ok: true, claims });
  });

  it('are the same token each time the same job is signed (a re-run enqueues the very same job)', () => {
    expect(signJobToken(KEY, claims)).toBe(signJobToken(KEY, { ...claims, events: [...claims.events] }));
  });

  it('verify under the previous key while it is still listed, and not once it is dropped', () => {
    const old = signJobToken('the-previous-key-0123456789abcdef', claims);
    expect(verifyJobToken([KEY, 'the-previous-key-0123456789abcdef'], old, NOW).ok).toBe(true);
    expect(verifyJobToken([KEY], old, NOW)).toEqual({ ok: false, refusal: 'bad-signature' });
  });

  it('are refused once expired, to the second', () => {
    const token = signJobToken(KEY, claims);
    expect(verifyJobToken([KEY], token, new Date(NOW.getTime() + 59_999)).ok).toBe(true);
    expect(verifyJobToken([KEY], token, new Date(NOW.getTime() + 60_000))).toEqual({ ok: false, refusal: 'expired' });
  });

  it('are refused when any claim is changed after signing', () => {
    const [v, , mac] = signJobToken(KEY, claims).split('.');
    for (const changed of [
      { ...claims, jobId: 's1.f2' },
      { ...claims, instanceId: 's2.f1' },
      { ...claims, events: ['AnalysisCompleted', 'AnalysisFailed', 'Cancel'] },
      { ...claims, expiresAt: claims.expiresAt + 3600 },
    ]) {
      const encoded = b64({ j: changed.jobId, i: changed.instanceId, e: changed.events, x: changed.expiresAt });
      expect(verifyJobToken([KEY], `${v}.${encoded}.${mac}`, NOW)).toEqual({ ok: false, refusal: 'bad-signature' });
    }
  });

  const forged = (o: unknown) => `v1.${b64(o)}.${macOf('a-guessed-key-0123456789abcdef', b64(o))}`;
  const signedJunk = (text: string) => {
    const encoded = Buffer.from(text).toString('base64url');
    return `v1.${encoded}.${macOf(KEY, encoded)}`;
  };
  it.each([
    ['empty', '', 'malformed'],
    ['a Durable system key', 'Sd8aX_qG3yQ0aPvKp3n5w0nY3Yx9CqV7lq9w2rT3bQ', 'malformed'],
    ['another version', signJobToken(KEY, claims).replace(/^v1\./, 'v2.'), 'malformed'],
    ['two parts', signJobToken(KEY, claims).split('.').slice(0, 2).join('.'), 'malformed'],
    ['four parts', `${signJobToken(KEY, claims)}.x`, 'malformed'],
    ['not base64url', 'v1.e30=.AAAA', 'malformed'],
    ['an empty MAC', `v1.${b64({})}.`, 'malformed'],
    ['a short MAC', `v1.${b64({})}.AAAA`, 'bad-signature'],
    ['forged under another key', forged({ j: 's1.f1', i: 's1.f1', e: ['AnalysisCompleted'], x: 9e9 }), 'bad-signature'],
    ['no MAC at all (alg none)', `v1.${b64({ j: 's1.f1', i: 's1.f1', e: ['AnalysisCompleted'], x: 9e9 })}.x`, 'bad-signature'],
    ['signed but not JSON', signedJunk('not json'), 'malformed'],
    ['signed but missing claims', signedJunk('{"j":"s1.f1"}'), 'malformed'],
    ['signed with extra claims', signedJunk('{"j":"a","i":"a","e":["E"],"x":9999999999,"admin":true}'), 'malformed'],
    ['signed with no events', signedJunk('{"j":"a","i":"a","e":[],"x":9999999999}'), 'malformed'],
  ])('refuses a token that is %s', (_, token, refusal) => {
    expect(verifyJobToken([KEY], token, NOW)).toEqual({ ok: false, refusal });
  });
});
