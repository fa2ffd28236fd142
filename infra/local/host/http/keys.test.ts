import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { authorize, loadOrCreateKeys } from './keys.js';

describe('host keys', () => {
  it('creates keys once, private to the user, and reads the same keys back', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'nested', 'host-keys.json');
    const first = loadOrCreateKeys(file);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadOrCreateKeys(file)).toEqual(first);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
  });

  it('fixes the master key when one is given', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'keys-')), 'k.json');
    loadOrCreateKeys(file);
    expect(loadOrCreateKeys(file, 'fixed-master-key-1234').masterKey).toBe('fixed-master-key-1234');
  });

  it('authorizes by level', () => {
    const keys = { masterKey: 'm', functionKeys: { default: 'f' }, systemKeys: { durabletask_extension: 's' } };
    expect(authorize(keys, 'anonymous', undefined)).toBe(true);
    expect(authorize(keys, 'function', 'f')).toBe(true);
    expect(authorize(keys, 'function', 'm')).toBe(true);
    expect(authorize(keys, 'function', 'x')).toBe(false);
    expect(authorize(keys, 'function', undefined)).toBe(false);
    expect(authorize(keys, 'admin', 'f')).toBe(false);
    expect(authorize(keys, 'admin', 'm')).toBe(true);
    expect(authorize(keys, 'system', 's', 'durabletask_extension')).toBe(true);
    expect(authorize(keys, 'system', 'f', 'durabletask_extension')).toBe(false);
  });
});
