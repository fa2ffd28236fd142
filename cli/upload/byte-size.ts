import { InvalidArgumentError } from 'commander';

const UNITS: Record<string, number> = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 };

/** A size flag's value: bytes, or a whole number with K, M or G (KiB, MiB, GiB; "KB", "MiB" read the same), 1K at least. */
export function parseByteSize(value: string): number {
  const m = /^([0-9]{1,9})\s*([KMG]?)(?:i?B)?$/i.exec(value.trim());
  const bytes = m ? Number(m[1]) * UNITS[m[2]!.toUpperCase()]! : NaN;
  if (!(bytes >= 1024)) throw new InvalidArgumentError('A size like 32M, 512K or 1048576, at least 1K.');
  return bytes;
}
