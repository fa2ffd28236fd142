import { describe, expect, it } from 'vitest';
import { parseAuthenticationResults } from './parse-authentication-results.js';

// Samples written for these tests in the forms real mail systems use (addresses and domains made up).
describe('parseAuthenticationResults', () => {
  it('reads Exchange Online’s form: no authserv-id, comments, `action=` and `compauth`', () => {
    const header =
      'spf=pass (sender IP is 203.0.113.7) smtp.mailfrom=agency.test; dkim=pass (signature was verified)\r\n' +
      ' header.d=agency.test;dmarc=pass action=none header.from=agency.test;compauth=pass reason=100';
    expect(parseAuthenticationResults(header)).toEqual({
      results: [
        { method: 'spf', result: 'pass', props: { 'smtp.mailfrom': 'agency.test' } },
        { method: 'dkim', result: 'pass', props: { 'header.d': 'agency.test' } },
        { method: 'dmarc', result: 'pass', props: { action: 'none', 'header.from': 'agency.test' } },
        { method: 'compauth', result: 'pass', props: { reason: '100' } },
      ],
    });
  });

  it('reads the RFC 8601 form with an authserv-id, several DKIM results and comments that hold `;` and `=`', () => {
    const header = [
      'mx.example.net;',
      '       dkim=pass header.i=@agency.test header.s=sel1 header.b=AbCd1234;',
      '       dkim=fail (body hash did not verify; h=sha256) header.i=@mailer.example header.s=s2 header.b=Zz9;',
      '       spf=pass (example.net: domain of bounce@agency.test designates 203.0.113.7 as permitted sender) smtp.mailfrom=bounce@agency.test;',
      '       dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=agency.test',
    ].join('\r\n');
    const parsed = parseAuthenticationResults(header);
    expect(parsed.authservId).toBe('mx.example.net');
    expect(parsed.results.map((r) => [r.method, r.result])).toEqual([
      ['dkim', 'pass'],
      ['dkim', 'fail'],
      ['spf', 'pass'],
      ['dmarc', 'pass'],
    ]);
    expect(parsed.results[1]!.props).toEqual({ 'header.i': '@mailer.example', 'header.s': 's2', 'header.b': 'Zz9' });
    expect(parsed.results[2]!.props['smtp.mailfrom']).toBe('bounce@agency.test');
  });

  it('takes a version after the authserv-id and after a method, spaces around `=`, quoted values and nested comments', () => {
    const header =
      'mail.agency.test 1; auth/1 = pass (( nested ) comment) smtp.auth="photo desk@agency.test"; spf = softfail smtp.mailfrom = "a;b@x.test"';
    expect(parseAuthenticationResults(header)).toEqual({
      authservId: 'mail.agency.test',
      results: [
        { method: 'auth', result: 'pass', props: { 'smtp.auth': 'photo desk@agency.test' } },
        { method: 'spf', result: 'softfail', props: { 'smtp.mailfrom': 'a;b@x.test' } },
      ],
    });
  });

  it('finds no result in `none`, in an empty header, or in what it cannot read', () => {
    expect(parseAuthenticationResults('mx.example.net; none')).toEqual({ authservId: 'mx.example.net', results: [] });
    expect(parseAuthenticationResults('')).toEqual({ results: [] });
    expect(parseAuthenticationResults('mx.example.net; dmarc; =pass header.from=x.test; (dmarc=pass header.from=x.test)').results).toEqual(
      [],
    );
  });

  it('keeps the first of a repeated property', () => {
    expect(parseAuthenticationResults('dmarc=pass header.from=agency.test header.from=evil.test').results[0]!.props).toEqual({
      'header.from': 'agency.test',
    });
  });
});
