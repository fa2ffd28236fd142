import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.js';

describe('parseAllowList', () => {
  it('allows nothing when unset or empty', () => {
    for (const text of [undefined, '', ' , ,']) {
      const list = parseAllowList(text);
      expect(list.allowsHost('localhost')).toBe(false);
      expect(list.allowsAddress('127.0.0.1')).toBe(false);
    }
  });

  it('matches host names exactly and case-insensitively, ignoring a trailing dot', () => {
    const list = parseAllowList(' Hooks.Partner.Example , localhost ');
    expect(list.allowsHost('hooks.partner.example')).toBe(true);
    expect(list.allowsHost('HOOKS.PARTNER.EXAMPLE.')).toBe(true);
    expect(list.allowsHost('localhost')).toBe(true);
    expect(list.allowsHost('evil.hooks.partner.example')).toBe(false);
    expect(list.allowsHost('partner.example')).toBe(false);
    expect(list.allowsHost('hooks.partner.example.evil')).toBe(false);
    // A name entry never allows an address.
    expect(list.allowsAddress('127.0.0.1')).toBe(false);
  });

  it('matches addresses and CIDRs, including IPv6 and mapped IPv4', () => {
    const list = parseAllowList('127.0.0.0/8,::1/128,192.0.2.10,fd00:1::/32');
    expect(list.allowsAddress('127.0.0.1')).toBe(true);
    expect(list.allowsAddress('127.255.255.255')).toBe(true);
    expect(list.allowsAddress('128.0.0.0')).toBe(false);
    expect(list.allowsAddress('::1')).toBe(true);
    expect(list.allowsAddress('0:0:0:0:0:0:0:1')).toBe(true);
    expect(list.allowsAddress('::2')).toBe(false);
    expect(list.allowsAddress('192.0.2.10')).toBe(true);
    expect(list.allowsAddress('192.0.2.11')).toBe(false);
    expect(list.allowsAddress('fd00:1:ffff::1')).toBe(true);
    expect(list.allowsAddress('fd00:2::1')).toBe(false);
    expect(list.allowsAddress('::ffff:127.0.0.1')).toBe(true);
    expect(list.allowsAddress('not an address')).toBe(false);
    // IP literal hosts (as URL.hostname gives them) are checked as addresses.
    expect(list.allowsHost('[::1]')).toBe(true);
    expect(list.allowsHost('127.0.0.1')).toBe(true);
    expect(list.allowsHost('10.0.0.1')).toBe(false);
  });

  it('allows everything with /0 and nothing of the other family', () => {
    const list = parseAllowList('0.0.0.0/0');
    expect(list.allowsAddress('10.0.0.1')).toBe(true);
    expect(list.allowsAddress('fc00::1')).toBe(false);
  });

  it.each([
    ['localhost,127.0.0.1/33', /"127\.0\.0\.1\/33".*0 to 32/],
    ['10.0.0.1/8', /"10\.0\.0\.1\/8".*host bits are set \(the network is 10\.0\.0\.0\/8\)/],
    ['300.1.1.1', /"300\.1\.1\.1"/],
    ['1.2.3', /"1\.2\.3"/],
    ['::1::2', /"::1::2"/],
    ['*.example.com', /"\*\.example\.com".*not a host name/],
    ['https://example.com', /"https:\/\/example\.com"/],
    ['exa mple.com', /"exa mple\.com"/],
    ['-bad.example', /"-bad\.example"/],
    ['example..com', /"example\.\.com"/],
    ['example.123', /"example\.123"/],
    [`${'a'.repeat(64)}.example`, /not a host name/],
  ])('refuses %j and names the entry', (text, message) => {
    expect(() => parseAllowList(text)).toThrow(/NEWSDESK_WEBHOOK_ALLOWLIST/);
    expect(() => parseAllowList(text)).toThrow(message);
  });
});
