import type { LookupFunction } from 'node:net';
import { Agent } from 'undici';
import type { ResolvedAddress } from './lookup.js';

/**
 * An undici Agent whose sockets can only reach `addresses`: its DNS lookup answers with them
 * whatever the host name, so the connection goes to the addresses the SSRF guard checked. The URL
 * keeps its name, so the Host header and TLS (SNI, certificate name) are unchanged.
 */
export function pinnedAgent(addresses: ResolvedAddress[], connectTimeoutMs: number): Agent {
  const lookup: LookupFunction = (hostname, options, callback) => {
    const usable = options.family === 4 || options.family === 6 ? addresses.filter((a) => a.family === options.family) : addresses;
    const first = usable[0];
    if (first === undefined) {
      callback(Object.assign(new Error(`no checked IPv${String(options.family)} address for ${hostname}`), { code: 'ENOTFOUND' }), '');
    } else if (options.all) {
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily).
      callback(null, usable);
    } else {
      callback(null, first.address, first.family);
    }
  };
  // One delivery per agent: no pooled socket outlives the check that allowed it.
  return new Agent({ connect: { lookup, timeout: connectTimeoutMs }, connections: 1, pipelining: 0 });
}
