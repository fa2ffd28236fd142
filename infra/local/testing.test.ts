import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startTestHost } from './testing.js';

// The smallest Functions app: one anonymous HTTP function, `@azure/functions` resolved from beside the platform.
const app = mkdtempSync(join(tmpdir(), 'test-host-app-'));
writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'hello-app', type: 'module', main: 'index.js' }));
writeFileSync(
  join(app, 'index.js'),
  [
    "import { app } from '@azure/functions';",
    "app.http('hello', { authLevel: 'anonymous', handler: async (req) => ({ body: `hello ${req.query.get('name')}` }) });",
    '',
  ].join('\n'),
);
afterAll(() => rmSync(app, { recursive: true, force: true }));

describe('startTestHost', () => {
  it('serves an app folder in process, then stops and removes its data folder', async () => {
    const host = await startTestHost({ appDir: app });
    try {
      expect(host.functions.map((f) => f.name)).toEqual(['hello']);
      const res = await fetch(`${host.url}/api/hello?name=desk`);
      expect(await res.text()).toBe('hello desk');
      const status = await fetch(`${host.url}/admin/host/status?code=${host.masterKey}`);
      expect(status.status).toBe(200);
    } finally {
      await host.stop();
    }
    expect(existsSync(host.dataDir)).toBe(false);
  });
});
