import { lookup as dnsLookup } from 'node:dns/promises';

export type ResolvedAddress = { address: string; family: 4 | 6 };

/** Resolves a host name to all of its addresses; tests inject one (no network). */
export type Lookup = (host: string) => Promise<ResolvedAddress[]>;

/** The system resolver, every address in the order it gave them (a rebinding server picks the order). */
export const systemLookup: Lookup = async (host) => {
  const found = await dnsLookup(host, { all: true, verbatim: true });
  return found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
};
