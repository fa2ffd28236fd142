import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hostMasterKey } from './host-master-key.js';

describe('hostMasterKey', () => {
  it('is the setting when given, else the key the host saved, else a new one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'master-key-'));
    const fresh = hostMasterKey(dir, {});
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{40}$/);
    expect(hostMasterKey(dir, {})).not.toBe(fresh);
    writeFileSync(join(dir, 'host-keys.json'), JSON.stringify({ masterKey: 'saved-master-key-0000', functionKeys: {}, systemKeys: {} }));
    expect(hostMasterKey(dir, {})).toBe('saved-master-key-0000');
    expect(hostMasterKey(dir, { NEWSDESK_HOST_MASTER_KEY: 'from-the-setting-000' })).toBe('from-the-setting-000');
  });
});
