import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import { parseIp, type IpAddress } from './ip.js';

/** Webhook destinations exempt from the SSRF guard (local development, partner VPNs). */
export interface AllowList {
  /** Exact host name match, case-insensitive; an IP literal is checked as an address. */
  allowsHost(host: string): boolean;
  allowsAddress(ip: string): boolean;
}

// One DNS label; the last label may not be all digits, or "300.1.1.1" would pass as a name.
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?$/;

/**
 * Parses NEWSDESK_WEBHOOK_ALLOWLIST: comma-separated host names, IP addresses and CIDRs,
 * e.g. `localhost,127.0.0.0/8,::1/128`. An unreadable entry throws, naming it: a typo must
 * not silently leave a partner blocked (or, worse, read as something broader).
 */
export function parseAllowList(text: string | undefined): AllowList {
  const hosts = new Set<string>();
  const networks: Cidr[] = [];
  for (const entry of (text ?? '').split(',').map((part) => part.trim())) {
    if (entry === '') continue;
    if (entry.includes('/') || entry.includes(':') || /^[0-9.]+$/.test(entry)) {
      try {
        networks.push(parseCidr(entry));
      } catch (error) {
        throw new Error(`NEWSDESK_WEBHOOK_ALLOWLIST: invalid entry "${entry}": ${(error as Error).message}`, { cause: error });
      }
      continue;
    }
    const host = normaliseHost(entry);
    const labels = host.split('.');
    if (host.length > 253 || !labels.every((label) => LABEL.test(label)) || /^[0-9]+$/.test(labels.at(-1) ?? '')) {
      throw new Error(`NEWSDESK_WEBHOOK_ALLOWLIST: invalid entry "${entry}": not a host name, IP address or CIDR`);
    }
    hosts.add(host);
  }

  const allowsIp = (address: IpAddress | undefined): boolean => {
    if (address === undefined) return false;
    // ::ffff:a.b.c.d reaches a.b.c.d, so an IPv4 entry covers its mapped form too.
    const mapped = address.family === 6 && address.value >> 32n === 0xffffn;
    const v4: IpAddress | undefined = mapped ? { family: 4, value: address.value & 0xffffffffn } : undefined;
    return networks.some((network) => cidrContains(network, address) || (v4 !== undefined && cidrContains(network, v4)));
  };
  return {
    allowsHost: (host) => {
      const address = parseIp(host);
      return address !== undefined ? allowsIp(address) : hosts.has(normaliseHost(host));
    },
    allowsAddress: (ip) => allowsIp(parseIp(ip)),
  };
}

/** DNS names are case-insensitive and "example.com." is "example.com". */
function normaliseHost(host: string): string {
  return host.toLowerCase().replace(/\.$/, '');
}
