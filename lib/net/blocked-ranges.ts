import { cidrContains, parseCidr, type Cidr } from './cidr.js';
import { formatIPv4, type IpAddress } from './ip.js';

/**
 * Addresses a webhook must never reach: anything that is not the public Internet. First match
 * wins, so narrower entries come before the ranges that contain them.
 */
const BLOCKED: [string, string][] = [
  ['0.0.0.0/32', 'unspecified'],
  ['0.0.0.0/8', 'reserved ("this network")'],
  ['127.0.0.0/8', 'loopback'],
  ['10.0.0.0/8', 'private'],
  ['172.16.0.0/12', 'private'],
  ['192.168.0.0/16', 'private'],
  ['100.64.0.0/10', 'shared address space (CGNAT)'],
  ['169.254.169.254/32', 'link-local (cloud metadata service)'],
  ['169.254.0.0/16', 'link-local'],
  // Azure's platform endpoint (DNS, WireServer) answers from inside every Azure VM and sandbox.
  ['168.63.129.16/32', 'Azure platform endpoint'],
  ['192.0.0.0/24', 'reserved (IETF protocol assignments)'],
  ['192.0.2.0/24', 'documentation'],
  ['198.51.100.0/24', 'documentation'],
  ['203.0.113.0/24', 'documentation'],
  ['198.18.0.0/15', 'benchmarking'],
  ['192.88.99.0/24', 'reserved (6to4 relay anycast)'],
  ['224.0.0.0/4', 'multicast'],
  ['255.255.255.255/32', 'broadcast'],
  ['240.0.0.0/4', 'reserved'],
  ['::/128', 'unspecified'],
  ['::1/128', 'loopback'],
  ['64:ff9b:1::/48', 'private (local-use NAT64)'],
  ['fc00::/7', 'private (unique local)'],
  ['fe80::/10', 'link-local'],
  ['fec0::/10', 'private (site-local)'],
  ['ff00::/8', 'multicast'],
  ['100::/64', 'reserved (discard-only)'],
  ['2001:2::/48', 'benchmarking'],
  ['2001::/23', 'reserved (IETF protocol assignments, Teredo)'],
  ['2001:db8::/32', 'documentation'],
  ['3fff::/20', 'documentation'],
];

const BLOCKED_CIDRS = BLOCKED.map(([cidr, reason]): [Cidr, string] => [parseCidr(cidr), reason]);

/** IPv6 ranges that carry an IPv4 address; they are judged by the address they carry. */
const EMBEDDING: [Cidr, string, bigint][] = [
  [parseCidr('::ffff:0:0/96'), 'IPv4-mapped', 0n],
  [parseCidr('::ffff:0:0:0/96'), 'IPv4-translated', 0n],
  [parseCidr('64:ff9b::/96'), 'NAT64', 0n],
  [parseCidr('2002::/16'), '6to4', 80n],
];

const GLOBAL_UNICAST = parseCidr('2000::/3');

/** Why `address` is not a public Internet address, or undefined when it is one. */
export function blockedReason(address: IpAddress): string | undefined {
  if (address.family === 6) {
    for (const [cidr, kind, shift] of EMBEDDING) {
      if (!cidrContains(cidr, address)) continue;
      const v4 = (address.value >> shift) & 0xffffffffn;
      const reason = blockedReason({ family: 4, value: v4 });
      return reason === undefined ? undefined : `${kind} ${formatIPv4(v4)}: ${reason}`;
    }
  }
  for (const [cidr, reason] of BLOCKED_CIDRS) {
    if (cidrContains(cidr, address)) return reason;
  }
  // Only 2000::/3 is allocated for global unicast; everything else is reserved or special.
  if (address.family === 6 && !cidrContains(GLOBAL_UNICAST, address)) return 'reserved (not global unicast)';
  return undefined;
}
