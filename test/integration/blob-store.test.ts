import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll } from 'vitest';
import { AzureBlobStore } from '../../adapters/blob-store/azure-blob-store.js';
import { blobStoreContract } from '../../adapters/blob-store/blob-store.contract.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-blob-')) });
});
afterAll(async () => {
  await azurite?.stop();
});

blobStoreContract('AzureBlobStore on Azurite', () => new AzureBlobStore(BlobServiceClient.fromConnectionString(azurite.connectionString)));
