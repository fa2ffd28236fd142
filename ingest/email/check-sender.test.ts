import { describe, expect, it } from 'vitest';
import { HttpError } from '../http/http-error.js';
import { checkSender } from './check-sender.js';

const FROM = 'photodesk@agency.test';

/** The problem checkSender throws, or undefined when it trusts the sender. */
function refusal(authenticationResults: string | undefined, ...envelope: [string?]) {
  const envelopeFrom = envelope.length > 0 ? envelope[0] : FROM;
  try {
    checkSender(FROM, { envelopeFrom, authenticationResults });
    return undefined;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.status, code: error.type.split('/').pop(), detail: error.detail };
  }
}

describe('checkSender', () => {
  it.each([
    [
      'DMARC pass (Exchange Online)',
      'spf=fail smtp.mailfrom=agency.test; dkim=pass header.d=agency.test;dmarc=pass action=none header.from=agency.test',
    ],
    ['DMARC pass, domain in another case', 'mx.example.net; dmarc=pass (p=NONE) header.from=Agency.TEST.'],
    [
      'SPF and DKIM pass for the From: domain',
      'mx.example.net; spf=pass smtp.mailfrom=bounce@agency.test; dkim=pass header.d=agency.test; dmarc=none',
    ],
    ['SPF pass and DKIM pass by header.i', 'mx.example.net; spf=pass smtp.mailfrom=agency.test; dkim=pass header.i=@agency.test'],
    [
      'one of two DKIM signatures aligned',
      'spf=pass smtp.mailfrom=agency.test; dkim=pass header.d=esp.example; dkim=pass header.d=agency.test',
    ],
    ['SMTP AUTH as the From: address (the local mail drop)', 'maildrop.newsdesk.invalid; auth=pass smtp.auth=PhotoDesk@agency.test'],
  ])('trusts %s', (_, header) => {
    expect(refusal(header)).toBeUndefined();
  });

  it('refuses a mail without Authentication-Results', () => {
    expect(refusal(undefined)).toEqual({
      status: 403,
      code: 'sender-not-authenticated',
      detail:
        "'photodesk@agency.test' is not an authenticated sender: the mail carries no Authentication-Results. Newsdesk trusts a sender with DMARC pass, or SPF and DKIM pass for the From: domain, or SMTP AUTH as that address.",
    });
  });

  it('refuses failed DMARC, saying what failed', () => {
    const r = refusal(
      'spf=fail (sender IP is 198.51.100.9) smtp.mailfrom=agency.test; dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine header.from=agency.test;compauth=fail reason=000',
    );
    expect(r).toMatchObject({ status: 403, code: 'sender-not-authenticated' });
    expect(r!.detail).toContain(': DMARC fail for agency.test; SPF fail; DKIM none.');
  });

  it('refuses SPF pass for another domain even with aligned DKIM', () => {
    const r = refusal(
      'mx.example.net; spf=pass smtp.mailfrom=bounces@esp.example; dkim=pass header.d=agency.test; dmarc=none header.from=agency.test',
    );
    expect(r!.detail).toContain(
      ': DMARC none for agency.test; SPF pass for esp.example, not aligned with agency.test; DKIM pass for agency.test.',
    );
  });

  it('refuses SPF pass alone, DKIM pass for a parent or lookalike domain, and DMARC pass for another domain', () => {
    expect(refusal('mx.example.net; spf=pass smtp.mailfrom=agency.test')!.detail).toContain('SPF pass for agency.test; no DKIM result.');
    expect(refusal('spf=pass smtp.mailfrom=agency.test; dkim=pass header.d=test')!.detail).toContain('DKIM pass for test, not aligned');
    expect(refusal('spf=pass smtp.mailfrom=agency.test; dkim=pass header.d=agency.test.evil.example')).toBeDefined();
    expect(refusal('dmarc=pass header.from=evil.example')!.detail).toContain('DMARC pass for evil.example, not for agency.test');
    expect(refusal('dmarc=pass')!.detail).toContain('DMARC pass for no named domain');
  });

  it('refuses SMTP AUTH as someone else, a failed one, and results hidden in comments', () => {
    expect(refusal('maildrop; auth=pass smtp.auth=intern@agency.test')!.detail).toContain(
      "SMTP AUTH pass as 'intern@agency.test', not as the From: address",
    );
    expect(refusal('maildrop; auth=fail smtp.auth=photodesk@agency.test')).toBeDefined();
    expect(refusal('mx.example.net; none (dmarc=pass header.from=agency.test)')!.detail).toContain('no SPF result; no DKIM result');
  });

  it('refuses an envelope sender that is not the From: address, whatever the authentication says', () => {
    const pass = 'dmarc=pass header.from=agency.test';
    expect(refusal(pass, 'someone@agency.test')).toEqual({
      status: 403,
      code: 'sender-mismatch',
      detail: "The envelope sender (MAIL FROM) is 'someone@agency.test', not the From: address 'photodesk@agency.test'.",
    });
    expect(refusal(pass, undefined)!.detail).toBe(
      "The envelope sender (MAIL FROM) is empty, not the From: address 'photodesk@agency.test'.",
    );
    expect(refusal(pass, '<>')!.code).toBe('sender-mismatch');
    // Compared case-insensitively, angle brackets (Return-Path) dropped.
    expect(refusal(pass, '<PhotoDesk@Agency.test>')).toBeUndefined();
  });
});
