import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';
import { BlobDeadLetterSink, type DeadLetterRecord } from '@newsdesk/local-platform/eventgrid';
import { deadLetterSinkContract } from '../../infra/local/eventgrid/dead-letter-sink.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-deadletter-'));
let azurite: RunningAzurite;
let blobs: BlobServiceClient;

beforeAll(async () => {
  azurite = await startAzurite({ location: join(dir, 'azurite') });
  blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
});

afterAll(async () => {
  await azurite?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A container that does not exist yet: the sink must create it. */
const freshContainer = (): ContainerClient => blobs.getContainerClient(`deadletter-${randomUUID()}`);

async function readAll(container: ContainerClient): Promise<DeadLetterRecord[]> {
  const records: DeadLetterRecord[] = [];
  for await (const b of container.listBlobsFlat()) {
    records.push(JSON.parse((await container.getBlobClient(b.name).downloadToBuffer()).toString()) as DeadLetterRecord);
  }
  return records;
}

deadLetterSinkContract('BlobDeadLetterSink on Azurite', async () => {
  const container = freshContainer();
  return {
    sink: new BlobDeadLetterSink(container),
    readAll: () => readAll(container),
    dispose: async () => void (await container.deleteIfExists()),
  };
});

describe('BlobDeadLetterSink specifics', () => {
  it('creates the container and names blobs {topic}/{subscription}/{yyyy}/{MM}/{dd}/{eventId}.json as JSON', async () => {
    const container = freshContainer();
    expect(await container.exists()).toBe(false);
    await new BlobDeadLetterSink(container).write({
      topic: 'newsdesk',
      subscription: 'client-webhook',
      event: { id: 'sub/7 a', eventType: 'T' },
      deliveryAttempts: 30,
      deadLetterReason: 'TimeToLiveExceeded',
      lastError: 'no response within 30000 ms',
      deadLetteredAt: '2025-11-09T23:59:59.000Z',
    });
    const names: string[] = [];
    for await (const b of container.listBlobsFlat()) names.push(b.name);
    expect(names).toEqual(['newsdesk/client-webhook/2025/11/09/sub%2F7%20a.json']);
    const props = await container.getBlobClient(names[0]!).getProperties();
    expect(props.contentType).toBe('application/json');
    await container.deleteIfExists();
  });

  it('surfaces storage failures to the caller so the delivery stays owed', async () => {
    const down = new BlobServiceClient('http://127.0.0.1:9/devstoreaccount1', undefined, {
      retryOptions: { maxTries: 1 },
    });
    const sink = new BlobDeadLetterSink(down.getContainerClient('deadletter'));
    const record: DeadLetterRecord = {
      topic: 't',
      subscription: 's',
      event: { id: 'e' },
      deliveryAttempts: 1,
      deadLetterReason: 'NonRetryableResponse',
      lastError: 'HTTP 400',
      lastHttpStatus: 400,
      deadLetteredAt: new Date().toISOString(),
    };
    await expect(sink.write(record)).rejects.toThrow();
  });
});
