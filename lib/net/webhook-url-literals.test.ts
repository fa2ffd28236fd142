import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.js';
import { UrlRejected } from './url-rejected.js';
import { checkWebhookUrl } from './webhook-url.js';

// IP literals are judged without DNS: a lookup that gets called fails the test.
const options = { allowlist: parseAllowList(undefined), lookup: () => expect.unreachable('DNS was asked') };

async function rejection(raw: string): Promise<UrlRejected> {
  const error: unknown = await checkWebhookUrl(raw, options).then(
    () => expect.unreachable(`${raw} was accepted`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UrlRejected);
  return error as UrlRejected;
}

describe('checkWebhookUrl with an IP literal host', () => {
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['http://127.1.2.3:8080/', 'loopback'],
    ['http://2130706433/', 'loopback'],
    ['http://0x7f.1/', 'loopback'],
    ['http://0x7f000001/', 'loopback'],
    ['http://017700000001/', 'loopback'],
    ['http://0177.0.0.1/', 'loopback'],
    ['http://127.1/', 'loopback'],
    ['http://127.0.0.1./', 'loopback'],
    ['http://%31%32%37.0.0.1/', 'loopback'],
    ['http://0/', 'unspecified'],
    ['http://0.0.0.0/', 'unspecified'],
    ['http://10.0.0.1/', 'private'],
    ['http://172.16.5.4/', 'private'],
    ['http://192.168.0.1/', 'private'],
    ['http://169.254.169.254/latest/meta-data/', 'link-local (cloud metadata service)'],
    ['http://169.254.1.1/', 'link-local'],
    ['http://100.64.0.1/', 'CGNAT'],
    ['http://224.0.0.1/', 'multicast'],
    ['http://255.255.255.255/', 'broadcast'],
    ['http://240.0.0.1/', 'reserved'],
    ['http://192.0.2.1/', 'documentation'],
    ['http://198.51.100.1/', 'documentation'],
    ['http://203.0.113.1/', 'documentation'],
    ['http://198.18.0.1/', 'benchmarking'],
    ['http://168.63.129.16/', 'Azure platform endpoint'],
    ['http://[::1]/', 'loopback'],
    ['http://[0:0:0:0:0:0:0:1]/', 'loopback'],
    ['http://[::]/', 'unspecified'],
    ['http://[fc00::1]/', 'unique local'],
    ['http://[fd12:3456::1]/', 'unique local'],
    ['http://[fe80::1]/', 'link-local'],
    ['http://[ff02::1]/', 'multicast'],
    ['http://[::ffff:127.0.0.1]/', 'IPv4-mapped 127.0.0.1: loopback'],
    ['http://[::ffff:10.0.0.1]/', 'IPv4-mapped 10.0.0.1: private'],
    ['http://[::ffff:a9fe:a9fe]/', 'IPv4-mapped 169.254.169.254'],
    ['http://[64:ff9b::10.0.0.1]/', 'NAT64 10.0.0.1: private'],
    ['http://[64:ff9b::7f00:1]/', 'NAT64 127.0.0.1: loopback'],
    ['http://[::127.0.0.1]/', 'not global unicast'],
  ])('refuses the address %s (%s)', async (raw, reason) => {
    const error = await rejection(raw);
    expect(error.reason).toContain('is not a public address');
    expect(error.reason).toContain(reason);
  });
});
