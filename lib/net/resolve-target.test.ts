import { describe, expect, it } from 'vitest';
import { parseAllowList } from './allow-list.js';
import { resolveTarget } from './resolve-target.js';

/** Answers from a table and records each question; an unknown name fails like ENOTFOUND. */
function fakeDns(records: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (host: string) => {
    asked.push(host);
    const found = records[host];
    if (found === undefined) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found.map((address) => ({ address, family: address.includes(':') ? (6 as const) : (4 as const) }));
  };
  return Object.assign(lookup, { asked });
}

const none = parseAllowList(undefined);

describe('resolveTarget', () => {
  it('returns every checked address of a public name, asking DNS once', async () => {
    const lookup = fakeDns({ 'hooks.example.com': ['93.184.215.14', '2606:4700:4700::1111'] });
    const target = await resolveTarget('https://Hooks.Example.com/x', { allowList: none, lookup });
    expect(target).toMatchObject({ kind: 'ok', addresses: [{ address: '93.184.215.14' }, { address: '2606:4700:4700::1111', family: 6 }] });
    expect(lookup.asked).toEqual(['hooks.example.com']);
  });

  it('pins an IP literal to itself without DNS, IPv6 without its URL brackets', async () => {
    const lookup = fakeDns({});
    expect(await resolveTarget('http://[::1]:8080/', { allowList: parseAllowList('::1'), lookup })).toMatchObject({
      kind: 'ok',
      addresses: [{ address: '::1', family: 6 }],
    });
    expect(await resolveTarget('http://8.8.8.8/', { allowList: none, lookup })).toMatchObject({
      addresses: [{ address: '8.8.8.8', family: 4 }],
    });
    expect(lookup.asked).toEqual([]);
  });

  it('resolves an allow-listed name once, trusting its private answer', async () => {
    const lookup = fakeDns({ 'hooks.partner.internal': ['10.1.2.3'] });
    const target = await resolveTarget('https://hooks.partner.internal./x', {
      allowList: parseAllowList('hooks.partner.internal'),
      lookup,
    });
    expect(target).toMatchObject({ kind: 'ok', addresses: [{ address: '10.1.2.3' }] });
    expect(lookup.asked).toEqual(['hooks.partner.internal']);
  });

  it('rejects what the guard rejects, with its reason', async () => {
    const lookup = fakeDns({ 'mixed.example.com': ['93.184.215.14', '169.254.169.254'] });
    expect(await resolveTarget('https://mixed.example.com/', { allowList: none, lookup })).toEqual({
      kind: 'rejected',
      reason: expect.stringMatching(/169\.254\.169\.254, which is not public \(link-local \(cloud metadata service\)\)/),
    });
    expect(await resolveTarget('gopher://x.example.com/', { allowList: none, lookup })).toMatchObject({ kind: 'rejected' });
  });

  it('calls a DNS failure or an empty answer unresolved, not rejected: it may work on the next try', async () => {
    const lookup = fakeDns({ 'empty.example.com': [], 'empty.partner.internal': [] });
    expect(await resolveTarget('https://nowhere.example.com/', { allowList: none, lookup })).toEqual({
      kind: 'unresolved',
      reason: 'cannot resolve host nowhere.example.com',
    });
    expect(await resolveTarget('https://empty.example.com/', { allowList: none, lookup })).toMatchObject({ kind: 'unresolved' });
    const partner = parseAllowList('empty.partner.internal,gone.partner.internal');
    expect(await resolveTarget('https://empty.partner.internal/', { allowList: partner, lookup })).toMatchObject({ kind: 'unresolved' });
    expect(await resolveTarget('https://gone.partner.internal/', { allowList: partner, lookup })).toMatchObject({ kind: 'unresolved' });
  });
});
