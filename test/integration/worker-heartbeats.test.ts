import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { TableWorkerHeartbeats } from '../../adapters/worker-heartbeats/table-worker-heartbeats.js';
import { workerHeartbeatsContract } from '../../adapters/worker-heartbeats/worker-heartbeats.contract.js';

const location = mkdtempSync(join(tmpdir(), 'azurite-heartbeats-'));
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location });
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

workerHeartbeatsContract('TableWorkerHeartbeats on Azurite', () => new TableWorkerHeartbeats(azurite.connectionString));
