import { formatIp, parseIp, type IpAddress } from './ip.js';

/** A network: the addresses whose top `prefix` bits equal `network`'s. */
export interface Cidr {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/**
 * Parses `address/prefix` (a bare address is a single-host network). Throws a RangeError
 * saying what is wrong, so a configuration error can name its cause.
 */
export function parseCidr(text: string): Cidr {
  const [addressText = '', prefixText, extra] = text.split('/');
  if (extra !== undefined) throw new RangeError('more than one "/"');
  const address = parseIp(addressText);
  if (address === undefined) throw new RangeError(`"${addressText}" is not an IP address`);
  const bits = BITS[address.family];
  if (prefixText === undefined) return { family: address.family, network: address.value, prefix: bits };
  if (!/^(0|[1-9][0-9]*)$/.test(prefixText) || Number(prefixText) > bits) {
    throw new RangeError(`prefix must be a whole number from 0 to ${bits}`);
  }
  const prefix = Number(prefixText);
  const network = address.value & mask(address.family, prefix);
  // Host bits set usually means a typo in the network, so say which network was meant.
  if (network !== address.value) {
    const shown = formatIp({ family: address.family, value: network });
    throw new RangeError(`host bits are set (the network is ${shown}/${prefix})`);
  }
  return { family: address.family, network, prefix };
}

export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  return cidr.family === address.family && (address.value & mask(cidr.family, cidr.prefix)) === cidr.network;
}

function mask(family: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[family]);
  const all = (1n << bits) - 1n;
  return (all >> BigInt(prefix)) ^ all;
}
