import { describe, expect, it } from 'vitest';
import { cidrContains, parseCidr } from './cidr.js';
import { parseIp, type IpAddress } from './ip.js';

const ip = (text: string): IpAddress => parseIp(text) ?? expect.unreachable(`bad test address ${text}`);
const contains = (cidr: string, address: string): boolean => cidrContains(parseCidr(cidr), ip(address));

describe('parseCidr', () => {
  it('reads networks and single addresses', () => {
    expect(parseCidr('10.0.0.0/8')).toEqual({ family: 4, network: 0x0a000000n, prefix: 8 });
    expect(parseCidr('192.0.2.7')).toEqual({ family: 4, network: 0xc0000207n, prefix: 32 });
    expect(parseCidr('::1')).toEqual({ family: 6, network: 1n, prefix: 128 });
    expect(parseCidr('fc00::/7')).toEqual({ family: 6, network: 0xfcn << 120n, prefix: 7 });
  });

  it.each([
    ['10.0.0.0/33', /0 to 32/],
    ['::/129', /0 to 128/],
    ['10.0.0.0/', /whole number/],
    ['10.0.0.0/-1', /whole number/],
    ['10.0.0.0/08', /whole number/],
    ['10.0.0.0/8/8', /more than one/],
    ['10.0.0/8', /not an IP address/],
    ['10.0.0.1/8', /host bits are set \(the network is 10\.0\.0\.0\/8\)/],
    ['fe80::1/10', /the network is fe80::\/10/],
  ])('refuses %s', (text, message) => expect(() => parseCidr(text)).toThrow(message));
});

describe('cidrContains', () => {
  it('/0 holds every address of its own family only', () => {
    expect(contains('0.0.0.0/0', '0.0.0.0')).toBe(true);
    expect(contains('0.0.0.0/0', '255.255.255.255')).toBe(true);
    expect(contains('0.0.0.0/0', '::1')).toBe(false);
    expect(contains('::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(contains('::/0', '1.2.3.4')).toBe(false);
  });

  it('/32 and /128 hold exactly one address', () => {
    expect(contains('192.0.2.1/32', '192.0.2.1')).toBe(true);
    expect(contains('192.0.2.1/32', '192.0.2.2')).toBe(false);
    expect(contains('192.0.2.1/32', '192.0.2.0')).toBe(false);
    expect(contains('::1/128', '::1')).toBe(true);
    expect(contains('::1/128', '::')).toBe(false);
    expect(contains('::1/128', '::2')).toBe(false);
  });

  it('stops exactly at the network edges', () => {
    expect(contains('172.16.0.0/12', '172.15.255.255')).toBe(false);
    expect(contains('172.16.0.0/12', '172.16.0.0')).toBe(true);
    expect(contains('172.16.0.0/12', '172.31.255.255')).toBe(true);
    expect(contains('172.16.0.0/12', '172.32.0.0')).toBe(false);
    expect(contains('fc00::/7', 'fbff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(false);
    expect(contains('fc00::/7', 'fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toBe(true);
    expect(contains('fc00::/7', 'fe00::')).toBe(false);
  });

  it('never mixes families even when the integers match', () => {
    // 0.0.0.1 and ::1 are both the integer 1.
    expect(contains('0.0.0.1/32', '::1')).toBe(false);
    expect(contains('::1/128', '0.0.0.1')).toBe(false);
  });
});
