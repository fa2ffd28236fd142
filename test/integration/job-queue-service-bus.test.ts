import { randomUUID } from 'node:crypto';
import { ServiceBusClient } from '@azure/service-bus';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_LOCK_SECONDS, jobQueueContract, type ContractJob } from '../../adapters/job-queue/job-queue.contract.js';
import { ServiceBusJobQueue } from '../../adapters/job-queue/service-bus-job-queue.js';
import { startServiceBusDouble, type ServiceBusDouble } from '../support/service-bus-double/service-bus-double.js';

// The real @azure/service-bus SDK, over AMQP 1.0, against the local double (there is no Service Bus emulator here).
let double: ServiceBusDouble;
beforeAll(async () => {
  double = await startServiceBusDouble({
    lockDurationMs: CONTRACT_LOCK_SECONDS * 1000,
    maxDeliveryCount: 10,
    duplicateDetectionWindowMs: 10 * 60_000,
  });
});
afterAll(async () => {
  await double?.stop();
});

const queueName = () => `jobs-${randomUUID().slice(0, 8)}`;

jobQueueContract('ServiceBusJobQueue on the AMQP double', async () => new ServiceBusJobQueue(double.connectionString, queueName()), {
  countsDepth: false,
});

describe('ServiceBusJobQueue on the AMQP double: Service Bus behaviour', () => {
  const lock = { lockSeconds: CONTRACT_LOCK_SECONDS };

  it('drops a re-sent job with the same messageId (duplicate detection)', async () => {
    const name = queueName();
    const queue = new ServiceBusJobQueue<ContractJob>(double.connectionString, name);
    try {
      await queue.send({ n: 1, text: 'first' }, { messageId: 'sub-1/file-1' });
      await queue.send({ n: 2, text: 'again' }, { messageId: 'sub-1/file-1' });
      expect(double.queue(name).activeMessageCount).toBe(1);
      const jobs = await queue.receive({ max: 10, ...lock, waitSeconds: 2 });
      expect(jobs.map((j) => j.body)).toEqual([{ n: 1, text: 'first' }]);
      await jobs[0]!.complete();
    } finally {
      await queue.close();
    }
  });

  it('dead-letters into <queue>/$DeadLetterQueue with the reason, readable with the SDK', async () => {
    const name = queueName();
    const queue = new ServiceBusJobQueue<ContractJob>(double.connectionString, name);
    const client = new ServiceBusClient(double.connectionString);
    try {
      await queue.send({ n: 3, text: 'bad' }, { messageId: 'bad-1' });
      const [job] = await queue.receive({ max: 1, ...lock, waitSeconds: 5 });
      await job!.deadLetter('unsupported media type');
      const dlq = client.createReceiver(name, { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(dead).toMatchObject({ messageId: 'bad-1', body: { n: 3, text: 'bad' }, deadLetterReason: 'unsupported media type' });
      expect(dead!.deadLetterSource).toBe(name);
    } finally {
      await queue.close();
      await client.close();
    }
  });

  it('counts deliveries across delayed abandons and dead-letters past maxDeliveryCount', async () => {
    const name = queueName();
    const queue = new ServiceBusJobQueue<ContractJob>(double.connectionString, name, { maxDeliveryCount: 2 });
    try {
      await queue.send({ n: 4, text: 'crashes the worker' }, { messageId: 'poison-1' });
      let [job] = await queue.receive({ max: 1, ...lock, waitSeconds: 5 });
      expect(job).toMatchObject({ messageId: 'poison-1', deliveryCount: 1 });
      await job!.abandon(0.2);
      [job] = await queue.receive({ max: 1, ...lock, waitSeconds: 5 });
      expect(job).toMatchObject({ messageId: 'poison-1', deliveryCount: 2 });
      await job!.abandon(0.2);
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: 1.5 })).toEqual([]);
      const dead = double.queue(name).deadLetters!;
      expect(dead.activeMessageCount).toBe(1);
      expect(double.queue(name).activeMessageCount + double.queue(name).scheduledMessageCount).toBe(0);
    } finally {
      await queue.close();
    }
  });

  it('leaves dead-lettering to the entity when its MaxDeliveryCount is the lower one', async () => {
    const name = queueName();
    const queue = new ServiceBusJobQueue<ContractJob>(double.connectionString, name, { maxDeliveryCount: 100 });
    const client = new ServiceBusClient(double.connectionString);
    try {
      await queue.send({ n: 5, text: 'x' }, { messageId: 'abandoned' });
      for (let i = 1; i <= 10; i++) {
        const [job] = await queue.receive({ max: 1, ...lock, waitSeconds: 5 });
        expect(job!.deliveryCount).toBe(i);
        await job!.abandon();
      }
      expect(await queue.receive({ max: 1, ...lock, waitSeconds: 1 })).toEqual([]);
      const dlq = client.createReceiver(name, { subQueueType: 'deadLetter', receiveMode: 'receiveAndDelete' });
      const [dead] = await dlq.receiveMessages(1, { maxWaitTimeInMs: 2000 });
      expect(dead).toMatchObject({ messageId: 'abandoned', deadLetterReason: 'MaxDeliveryCountExceeded' });
    } finally {
      await queue.close();
      await client.close();
    }
  });

  it('refuses a client whose shared access key is wrong (CBS put-token)', async () => {
    const wrongKey = double.connectionString.replace('SharedAccessKey=v', 'SharedAccessKey=not-the-key');
    const client = new ServiceBusClient(wrongKey, { retryOptions: { maxRetries: 0, timeoutInMs: 5000 } });
    const queue = new ServiceBusJobQueue<ContractJob>(client, queueName());
    try {
      await expect(queue.send({ n: 6, text: 'x' }, { messageId: 'nope' })).rejects.toMatchObject({ code: 'UnauthorizedAccess' });
    } finally {
      await queue.close();
      await client.close();
    }
  });
});
