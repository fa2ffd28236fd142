import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { TableServiceClient } from '@azure/data-tables';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import { submissionStatusReader } from '../../adapters/ingest-store/submission-status-reader.js';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
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

// The worker's cancellation check: the workers' identity may only read the submissions table, so the reader must
// neither create tables nor touch another one (infra/azure/modules/worker-roles.bicep).
it("reads a submission's status from the submissions table alone, creating no table", async () => {
  const readStatus = submissionStatusReader(azurite.connectionString);
  const service = TableServiceClient.fromConnectionString(azurite.connectionString, { allowInsecureConnection: true });
  const tables = async () => {
    const names: string[] = [];
    for await (const table of service.listTables()) names.push(table.name!);
    return names;
  };
  const before = await tables();
  expect(await readStatus(randomUUID())).toBeUndefined();
  expect(await tables()).toEqual(before);

  const store = new TableIngestStore(azurite.connectionString);
  const id = randomUUID();
  const at = '2026-01-01T00:00:00.000Z';
  const record: SubmissionRecord = {
    submissionId: id,
    clientId: 'c',
    status: 'processing',
    channel: 'http',
    files: [],
    priority: 'normal',
    webhookUrl: 'https://example.test/hook',
    receivedAt: at,
    updatedAt: at,
    published: false,
  };
  await store.createSubmission(record, { id, type: 't', source: '/s', subject: `/submissions/${id}`, time: new Date(at), data: {} });
  expect(await readStatus(id)).toBe('processing');
  await store.transitionSubmission(id, ['processing'], 'cancelled');
  expect(await readStatus(id)).toBe('cancelled');
  expect(await readStatus(randomUUID())).toBeUndefined();
});
