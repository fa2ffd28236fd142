import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.js';
import type { Lookup } from './lookup.js';
import { UrlRejected } from './url-rejected.js';
import { checkWebhookUrl } from './webhook-url.js';

/** A DNS stand-in: known names answer with their addresses, anything else fails like ENOTFOUND. */
function fakeDns(records: Record<string, string[]>): Lookup & { asked: string[] } {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const addresses = records[host];
    if (addresses === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(lookup, { asked });
}

const dns = fakeDns({
  'hooks.example.com': ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'],
  'mixed.example.com': ['93.184.215.14', '10.0.0.5'],
  'rebind.example.com': ['2606:2800:21f:cb07:6820:80da:af6b:8b2c', '::ffff:169.254.169.254'],
  'metadata.example.com': ['169.254.169.254'],
  'dev.example.com': ['127.0.0.1'],
  'empty.example.com': [],
  'garbage.example.com': ['not-an-ip'],
});
const none = parseAllowList(undefined);

async function rejection(raw: string, options = { allowlist: none, lookup: dns }): Promise<UrlRejected> {
  const error = await checkWebhookUrl(raw, options).then(
    () => expect.unreachable(`${raw} was accepted`),
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UrlRejected);
  return error as UrlRejected;
}

describe('checkWebhookUrl', () => {
  it('accepts a public https URL and returns it parsed', async () => {
    const url = await checkWebhookUrl('https://hooks.example.com:8443/newsdesk?x=1', { allowlist: none, lookup: dns });
    expect(url.href).toBe('https://hooks.example.com:8443/newsdesk?x=1');
    expect(dns.asked).toContain('hooks.example.com');
  });

  it.each(['http://93.184.215.14/hook', 'http://[2606:4700:4700::1111]/hook', 'http://[::ffff:8.8.8.8]/'])(
    'accepts the public literal %s without DNS',
    async (raw) => {
      const lookup = fakeDns({});
      await expect(checkWebhookUrl(raw, { allowlist: none, lookup })).resolves.toBeInstanceOf(URL);
      expect(lookup.asked).toEqual([]);
    },
  );

  it.each([
    ['not a url', /not a valid absolute URL/],
    ['/relative/hook', /not a valid absolute URL/],
    ['http://', /not a valid absolute URL/],
    ['https://[fe80::1%25eth0]/', /not a valid absolute URL/],
    ['http://256.1.1.1/', /not a valid absolute URL/],
    ['ftp://hooks.example.com/', /scheme must be http or https, not ftp/],
    ['javascript:alert(1)', /scheme must be http or https, not javascript/],
    ['file:///etc/passwd', /scheme must be http or https, not file/],
    ['gopher://hooks.example.com:25/', /not gopher/],
    ['https://user:secret@hooks.example.com/', /user name or password/],
    ['https://user@hooks.example.com/', /user name or password/],
    ['https://:secret@hooks.example.com/', /user name or password/],
  ])('refuses %s', async (raw, detail) => {
    expect((await rejection(raw)).reason).toMatch(detail);
  });

  it.each([
    'http://localhost/',
    'http://LOCALHOST./',
    'http://api.localhost/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://db.internal/',
    'http://printer.local/',
    'http://router.home.arpa/',
    'http://metadata/',
  ])('refuses the private name %s without asking DNS', async (raw) => {
    const lookup = fakeDns({});
    expect((await rejection(raw, { allowlist: none, lookup })).reason).toMatch(/private name|single-label/);
    expect(lookup.asked).toEqual([]);
  });

  it('refuses a name that resolves to a mix of public and private addresses', async () => {
    expect((await rejection('https://mixed.example.com/')).reason).toMatch(/resolves to 10\.0\.0\.5, which is not public \(private\)/);
  });

  it('refuses a name whose later address is a mapped metadata address', async () => {
    expect((await rejection('https://rebind.example.com/')).reason).toContain('::ffff:169.254.169.254');
  });

  it.each([
    ['https://metadata.example.com/', /169\.254\.169\.254.*cloud metadata/],
    ['https://garbage.example.com/', /not a recognisable IP address/],
    ['https://nowhere.example.com/', /cannot resolve its host nowhere\.example\.com/],
    ['https://empty.example.com/', /cannot resolve/],
  ])('refuses %s', async (raw, detail) => {
    expect((await rejection(raw)).reason).toMatch(detail);
  });

  it('does not leak the resolver error', async () => {
    const detail = (await rejection('https://nowhere.example.com/')).reason;
    expect(detail).not.toContain('ENOTFOUND');
  });

  it('lets allow-listed loopback through, by address or by name', async () => {
    const allowlist = parseAllowList('127.0.0.0/8,::1/128,localhost');
    const lookup = fakeDns({ 'dev.example.com': ['127.0.0.1', '::1'] });
    await expect(checkWebhookUrl('http://127.0.0.1:7071/hook', { allowlist, lookup })).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://[::1]:7071/hook', { allowlist, lookup })).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://localhost:7071/hook', { allowlist, lookup })).resolves.toBeInstanceOf(URL);
    await expect(checkWebhookUrl('http://dev.example.com/hook', { allowlist, lookup })).resolves.toBeInstanceOf(URL);
    // The allow list is exact: other private addresses stay blocked.
    await rejection('http://10.0.0.1/', { allowlist, lookup });
    await rejection('http://[::ffff:10.0.0.1]/', { allowlist, lookup });
  });

  it('needs every resolved private address to be allow-listed', async () => {
    const allowlist = parseAllowList('127.0.0.1');
    const lookup = fakeDns({ 'dev.example.com': ['127.0.0.1', '10.0.0.7'] });
    expect((await rejection('http://dev.example.com/', { allowlist, lookup })).reason).toContain('10.0.0.7');
  });

  it('trusts an allow-listed name without resolving it', async () => {
    const allowlist = parseAllowList('hooks.partner.internal');
    const lookup = fakeDns({});
    await expect(checkWebhookUrl('https://HOOKS.partner.internal/x', { allowlist, lookup })).resolves.toBeInstanceOf(URL);
    expect(lookup.asked).toEqual([]);
  });
});
