import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { startAzurite } from '@newsdesk/local-platform/azurite';

// Azurite 3.35 sends usage telemetry to Application Insights unless told not to; `npm start` must not report a developer's
// machine to anyone (and offline, each batch it cannot send was an error in the stack's log). Telemetry, once on, keeps
// the instance id it reports under in {location}/AzuriteConfig: no such file, no telemetry.
it('Azurite as the local platform starts it collects no usage telemetry', async () => {
  const location = mkdtempSync(join(tmpdir(), 'azurite-telemetry-'));
  const azurite = await startAzurite({ location });
  try {
    expect((await fetch(`${azurite.blobUrl}?comp=list`)).status).toBeLessThan(500);
    // Azurite starts its telemetry just after its last service listens, which is when it counts as started.
    await new Promise((r) => setTimeout(r, 500));
    expect(existsSync(join(location, 'AzuriteConfig'))).toBe(false);
  } finally {
    await azurite.stop();
  }
});
