import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobQueueContract, type ContractJob } from '../../adapters/job-queue/job-queue.contract.js';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import { startAzurite, type RunningAzurite } from '@newsdesk/local-platform/azurite';

let azurite: RunningAzurite;
beforeAll(async () => {
  azurite = await startAzurite({ location: mkdtempSync(join(tmpdir(), 'azurite-queue-')) });
});
afterAll(async () => {
  await azurite?.stop();
});

const queueName = () => `jobs-${randomUUID().slice(0, 8)}`;
const make = (options: { maxDeliveryCount?: number } = {}) =>
  new StorageQueueJobQueue<ContractJob>(azurite.connectionString, queueName(), { pollIntervalMs: 100, ...options });

// Storage queues count visibility in whole seconds and Azurite honours one exactly: the shortest lock halves the suite.
jobQueueContract('StorageQueueJobQueue on Azurite', async () => make(), { lockSeconds: 1 });

describe('StorageQueueJobQueue on Azurite: the storage queue conventions', () => {
  const poisonMessages = async (queue: StorageQueueJobQueue<ContractJob>) =>
    (await queue.poison.receiveMessages({ numberOfMessages: 32 })).receivedMessageItems.map(
      (m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as Record<string, unknown>,
    );

  it('stores base64 JSON that carries the job id, beside the id the service assigned', async () => {
    const queue = make();
    await queue.send({ n: 1, text: 'x' }, { messageId: 'sub-1/file-1' });
    const [peeked] = (await queue.queue.peekMessages()).peekedMessageItems;
    expect(JSON.parse(Buffer.from(peeked!.messageText, 'base64').toString('utf8'))).toEqual({
      messageId: 'sub-1/file-1',
      body: { n: 1, text: 'x' },
    });
    expect(peeked!.messageId).not.toBe('sub-1/file-1');
  });

  it('moves a job to <queue>-poison with its reason when dead-lettered', async () => {
    const queue = make();
    await queue.send({ n: 2, text: 'bad' }, { messageId: 'bad-1' });
    const [job] = await queue.receive({ max: 1, lockSeconds: 2, waitSeconds: 5 });
    await job!.deadLetter('unsupported media type');
    expect(await poisonMessages(queue)).toEqual([
      { messageId: 'bad-1', body: { n: 2, text: 'bad' }, reason: 'unsupported media type', deliveryCount: 1 },
    ]);
    expect(await queue.depth()).toBe(0);
  });

  it('dead-letters a job on the receive after maxDeliveryCount deliveries, as Functions poison handling does', async () => {
    const queue = make({ maxDeliveryCount: 2 });
    await queue.send({ n: 3, text: 'crashes the worker' }, { messageId: 'poison-1' });
    for (const expected of [1, 2]) {
      const [job] = await queue.receive({ max: 1, lockSeconds: 1, waitSeconds: 5 });
      expect(job!.deliveryCount).toBe(expected);
      await job!.abandon();
    }
    expect(await queue.receive({ max: 1, lockSeconds: 1, waitSeconds: 1 })).toEqual([]);
    expect(await poisonMessages(queue)).toEqual([
      { messageId: 'poison-1', body: { n: 3, text: 'crashes the worker' }, reason: 'max deliveries exceeded', deliveryCount: 3 },
    ]);
    expect(await queue.depth()).toBe(0);
  });

  it('parks a message that is not a job envelope instead of failing every receive', async () => {
    const queue = make();
    await queue.send({ n: 0, text: 'create the queues' }, { messageId: 'warm-up' });
    await (await queue.receive({ max: 1, lockSeconds: 1, waitSeconds: 5 }))[0]!.complete();
    await queue.queue.sendMessage('not base64 json');
    expect(await queue.receive({ max: 1, lockSeconds: 1, waitSeconds: 0.5 })).toEqual([]);
    expect(await poisonMessages(queue)).toEqual([{ raw: 'not base64 json', reason: 'malformed message', deliveryCount: 1 }]);
  });

  it('accepts a QueueServiceClient as well as a connection string', async () => {
    const queue = new StorageQueueJobQueue<ContractJob>(QueueServiceClient.fromConnectionString(azurite.connectionString), queueName());
    await queue.send({ n: 5, text: 'y' }, { messageId: 'svc' });
    expect(await queue.depth()).toBe(1);
  });
});
