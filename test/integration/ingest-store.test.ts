import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { ingestStoreContract } from '../../adapters/ingest-store/ingest-store.contract.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-tables-')) });
});
afterAll(async () => {
  await azurite?.stop();
});

ingestStoreContract('TableIngestStore on Azurite', () => new TableIngestStore(azurite.connectionString));
