import { describe, expect, it } from 'vitest';
import { formatIp, formatIPv6, parseIp, parseIPv4, parseIPv6 } from './ip.js';

describe('parseIPv4', () => {
  it.each([
    ['0.0.0.0', 0n],
    ['127.0.0.1', 0x7f000001n],
    ['255.255.255.255', 0xffffffffn],
    ['10.1.2.3', 0x0a010203n],
  ])('reads %s', (text, value) => expect(parseIPv4(text)).toBe(value));

  it.each(['', '1.2.3', '1.2.3.4.5', '256.0.0.1', '010.0.0.1', '0x7f.0.0.1', '1.2.3.-4', '1..3.4', ' 1.2.3.4', '1.2.3.4 ', '2130706433'])(
    'refuses %j',
    (text) => expect(parseIPv4(text)).toBeUndefined(),
  );
});

describe('parseIPv6', () => {
  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['0:0:0:0:0:0:0:1', 1n],
    ['2001:db8::ff00:42:8329', 0x20010db8000000000000ff0000428329n],
    ['2001:DB8:0:0:0:0:0:1', 0x20010db8000000000000000000000001n],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', (1n << 128n) - 1n],
    ['::ffff:10.0.0.1', 0xffff0a000001n],
    ['64:ff9b::192.0.2.33', 0x0064ff9b0000000000000000c0000221n],
    ['1:2:3:4:5:6:7::', 0x00010002000300040005000600070000n],
    ['::2:3:4:5:6:7:8', 0x00000002000300040005000600070008n],
    ['1:2:3:4:5:6:1.2.3.4', 0x00010002000300040005000601020304n],
  ])('reads %s', (text, value) => expect(parseIPv6(text)).toBe(value));

  it.each([
    '',
    ':',
    ':::',
    '1::2::3',
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    ':1::',
    '1::2:',
    '12345::',
    'g::',
    'fe80::1%eth0',
    '::1.2.3.4:5',
    '::256.1.1.1',
    '1:2:3:4:5:6:7:1.2.3.4',
  ])('refuses %j', (text) => expect(parseIPv6(text)).toBeUndefined());
});

describe('parseIp', () => {
  it('tells the families apart and accepts URL brackets around IPv6', () => {
    expect(parseIp('127.0.0.1')).toEqual({ family: 4, value: 0x7f000001n });
    expect(parseIp('[::1]')).toEqual({ family: 6, value: 1n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('[127.0.0.1')).toBeUndefined();
    expect(parseIp('example.com')).toBeUndefined();
  });
});

describe('formatIp', () => {
  it.each([
    ['::', '::'],
    ['::1', '::1'],
    ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
    ['1:0:2:0:3:0:4:0', '1:0:2:0:3:0:4:0'],
    ['fe80::', 'fe80::'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
  ])('writes %s as %s', (text, expected) => expect(formatIPv6(parseIPv6(text) ?? -1n)).toBe(expected));

  it('writes IPv4 dotted', () => expect(formatIp({ family: 4, value: 0xc0a80001n })).toBe('192.168.0.1'));
});
