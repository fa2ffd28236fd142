import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The host's keys, as `func start` keeps them: a master key, function keys and extension system keys. */
export interface HostKeys {
  masterKey: string;
  functionKeys: Record<string, string>;
  systemKeys: Record<string, string>;
}

const newKey = (): string => randomBytes(30).toString('base64url');

/** Reads the keys file, creating it (mode 0600) with fresh keys on first start. */
export function loadOrCreateKeys(file: string, fixedMasterKey?: string): HostKeys {
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as HostKeys;
    if (!fixedMasterKey || keys.masterKey === fixedMasterKey) return keys;
  }
  const keys: HostKeys = {
    masterKey: fixedMasterKey ?? newKey(),
    functionKeys: { default: newKey() },
    systemKeys: { durabletask_extension: newKey(), eventgrid_extension: newKey() },
  };
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(keys, null, 2), { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return keys;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export type AuthLevel = 'anonymous' | 'function' | 'admin' | 'system';

/** Whether a presented key (header `x-functions-key` or `code=`) satisfies an authorization level. */
export function authorize(keys: HostKeys, level: AuthLevel, presented: string | undefined, systemKeyName?: string): boolean {
  if (level === 'anonymous') return true;
  if (!presented) return false;
  if (same(presented, keys.masterKey)) return true;
  if (level === 'function') return Object.values(keys.functionKeys).some((k) => same(presented, k));
  if (level === 'system' && systemKeyName) {
    const key = keys.systemKeys[systemKeyName];
    return key !== undefined && same(presented, key);
  }
  return false;
}
