import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { BlobEventDeadLetters } from '../../adapters/event-dead-letters/blob-event-dead-letters.js';
import { eventDeadLettersContract } from '../../adapters/event-dead-letters/event-dead-letters.contract.js';

const location = mkdtempSync(join(tmpdir(), 'azurite-dead-letters-'));
let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location });
});
afterAll(async () => {
  await azurite?.stop();
  rmSync(location, { recursive: true, force: true });
});

// A container per test, created by the first write, as Event Grid creates nothing either.
eventDeadLettersContract('BlobEventDeadLetters on Azurite', async () => {
  const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(`dl-${randomUUID()}`);
  return {
    letters: new BlobEventDeadLetters(container),
    write: async (name, body) => {
      await container.createIfNotExists();
      const text = JSON.stringify(body);
      await container.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
    },
  };
});
