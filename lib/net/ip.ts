/**
 * A small, strict IP address parser: addresses become BigInts so that CIDR math is plain
 * integer arithmetic. Strict on purpose (dotted-quad IPv4 only, no leading zeros, no IPv6
 * zone ids): URL hosts arrive already normalised by the WHATWG parser, and anything the
 * parser cannot read with certainty must be treated as unknown, never guessed.
 */
export interface IpAddress {
  family: 4 | 6;
  value: bigint;
}

const IPV4_PART = /^(0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-f]{1,4}$/i;

export function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: "010" means 8 to some parsers and 10 to others.
    if (!IPV4_PART.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

export function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groups(halves[0] ?? '');
  const tail = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  const count = head.length + tail.length;
  // Without "::" all 8 groups are spelled out; with it, "::" stands for at least one group.
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = [...head, ...new Array<bigint>(8 - count).fill(0n), ...tail];
  return all.reduce((value, group) => (value << 16n) | group, 0n);
}

/** Colon-separated hex groups; a dotted IPv4 may end the list and counts as two groups. */
function groups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const result: bigint[] = [];
  for (const [index, part] of parts.entries()) {
    if (index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (v4 === undefined) return undefined;
      result.push(v4 >> 16n, v4 & 0xffffn);
    } else if (IPV6_GROUP.test(part)) {
      result.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return result;
}

/** Parses an IPv4 or IPv6 address; IPv6 may come in URL brackets (`[::1]`). */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  if (bare.includes(':')) {
    const value = parseIPv6(bare);
    return value === undefined ? undefined : { family: 6, value };
  }
  const value = parseIPv4(bare);
  return value === undefined ? undefined : { family: 4, value };
}

export function formatIPv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** Canonical RFC 5952 text: lower case, the longest run of two or more zero groups as "::". */
export function formatIPv6(value: bigint): string {
  const hex = Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  let best = { start: -1, length: 1 };
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && hex[start + length] === '0') length++;
    if (length > best.length) best = { start, length };
  }
  if (best.start < 0) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

export function formatIp(address: IpAddress): string {
  return address.family === 4 ? formatIPv4(address.value) : formatIPv6(address.value);
}
