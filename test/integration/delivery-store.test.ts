import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { TableDeliveryStore } from '../../adapters/delivery-store/table-delivery-store.js';
import { deliveryStoreContract } from '../../adapters/delivery-store/delivery-store.contract.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

const location = mkdtempSync(join(tmpdir(), 'azurite-deliveries-'));
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location });
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

deliveryStoreContract('TableDeliveryStore on Azurite', () => new TableDeliveryStore(azurite.connectionString));
