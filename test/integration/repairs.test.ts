import { createHash } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { fileInstanceId, incomingBlobOf } from '../../contracts/ids.js';
import type { AnalysisJob } from '../../contracts/job.js';
import { INTERRUPTED_REASON } from '../../contracts/submission-summary.js';
import { getStatus, post, type DurableApi } from '../support/durable-client.js';
import { fixture } from '../support/fixtures.js';
import { STACK_MASTER_KEY, startStack, submitFixtures, type Stack } from '../support/newsdesk-stack.js';
import { startTestWorker } from '../support/test-worker.js';
import { startReceiver } from '../support/webhook-receiver.js';

// The reconciler and the orphan sweeper on the stack as `npm start` runs it, with thresholds shortened: the reconciler's
// timer runs every two seconds (racing the passes this suite asks for), the sweeper's only when asked.
const SECRET = 'repairs-test-webhook-secret';
let stack: Stack;
let client: Awaited<ReturnType<typeof startReceiver>>;
let ops: Awaited<ReturnType<typeof startReceiver>>;
let worker: ReturnType<typeof startTestWorker>;
let incoming: ContainerClient;
/** Submissions whose jobs the test worker leaves unanswered. */
const stuck = new Set<string>();

beforeAll(async () => {
  ops = await startReceiver('unused');
  client = await startReceiver(SECRET);
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    NEWSDESK_OPS_WEBHOOK_URL: `${ops.url}/ops`,
    NEWSDESK_DELIVERY_FIRST_RETRY: 'PT0.3S',
    NEWSDESK_RECONCILE_SCHEDULE: '*/2 * * * * *',
    NEWSDESK_RECONCILE_START_GRACE: 'PT2S',
    NEWSDESK_SWEEP_SCHEDULE: '0 0 0 1 1 *',
    NEWSDESK_ORPHAN_AFTER: 'PT3S',
  });
  worker = startTestWorker(stack.storage, (job: AnalysisJob) => (stuck.has(job.submissionId) ? { kind: 'ignore' } : { kind: 'complete' }));
  incoming = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
}, 90_000);
afterAll(async () => {
  await worker?.stop();
  await stack?.stop();
  await client?.close();
  await ops?.close();
});

const durable: DurableApi = {
  durable: (path, query = '') => `${stack.url}/runtime/webhooks/durabletask/${path}?code=${STACK_MASTER_KEY}${query ? `&${query}` : ''}`,
};
const deliveriesTo = (path: string) => client.received.filter((r) => r.path === path);
const view = async (id: string) =>
  (await (await fetch(`${stack.url}/api/submissions/${id}`, { headers: { 'x-api-key': stack.apiKey } })).json()) as {
    status: string;
    files: { fileId: string; state: string; reason?: string }[];
  };
const manage = (pass: 'reconcile' | 'sweep', headers: Record<string, string> = { 'x-admin-key': STACK_MASTER_KEY }) =>
  fetch(`${stack.url}/api/manage/${pass}`, { method: 'POST', headers });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the reconciler on the local stack', () => {
  it('fails a submission whose orchestration was terminated, and tells the client once and operations', async () => {
    const s = await submitFixtures(stack, `${client.url}/terminated`, [['dog-bicycle-truck.jpg', 'stuck.jpg']]);
    stuck.add(s.submissionId);
    await expect.poll(async () => (await view(s.submissionId)).status, { timeout: 15_000 }).toBe('processing');
    const file = fileInstanceId(s.submissionId, s.files[0]!.fileId);
    await expect
      .poll(async () => (await getStatus(durable, file).catch(() => undefined))?.runtimeStatus, { timeout: 15_000 })
      .toBe('Running');

    expect((await post(durable, `instances/${s.submissionId}/terminate`, 'reason=chaos')).status).toBe(202);

    await expect.poll(() => deliveriesTo('/terminated').length, { timeout: 20_000 }).toBe(1);
    const [told] = deliveriesTo('/terminated');
    expect(told).toMatchObject({
      deliveryId: `${s.submissionId}.failed`,
      validSignature: true,
      body: { submissionId: s.submissionId, status: 'failed' },
    });
    expect(told!.summaryIssues).toBeNull();
    expect(told!.body.files).toMatchObject([{ fileId: s.files[0]!.fileId, state: 'failed', reason: INTERRUPTED_REASON }]);
    expect(await view(s.submissionId)).toMatchObject({ status: 'failed', files: [{ state: 'failed', reason: INTERRUPTED_REASON }] });
    expect((await getStatus(durable, file)).runtimeStatus).toBe('Terminated');
    const opsEvents = () =>
      ops.received.filter(
        (r) => r.headers['newsdesk-event'] === 'Newsdesk.Submission.Failed' && JSON.stringify(r.body).includes(s.submissionId),
      );
    await expect.poll(() => opsEvents().length, { timeout: 10_000 }).toBe(1);

    // Asked again, and after more timer passes: nothing left to repair, and no second delivery.
    const again = await manage('reconcile');
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ failed: [], errors: [] });
    await sleep(3_000);
    expect(deliveriesTo('/terminated')).toHaveLength(1);
    expect(opsEvents()).toHaveLength(1);
  });

  it('starts a published submission whose Received event was lost, which then completes as any other', async () => {
    const id = `lost${Date.now().toString(36)}`;
    const bytes = fixture('dog-bicycle-truck.jpg');
    const blob = incomingBlobOf(id, 'f1');
    await incoming.getBlockBlobClient(blob.slice('incoming/'.length)).uploadData(bytes);
    const receivedAt = new Date(Date.now() - 10_000).toISOString();
    const record: SubmissionRecord = {
      submissionId: id,
      clientId: 'dev',
      status: 'received',
      channel: 'http',
      files: [
        {
          fileId: 'f1',
          name: 'lost.jpg',
          size: bytes.length,
          contentType: 'image/jpeg',
          sha256: createHash('sha256').update(bytes).digest('hex'),
          blob,
        },
      ],
      webhookUrl: `${client.url}/lost`,
      priority: 'normal',
      receivedAt,
      updatedAt: receivedAt,
      published: false,
    };
    // Recorded and marked published, but no event reached the starter: what a lost Event Grid delivery leaves.
    const store = new TableIngestStore(stack.storage);
    await store.createSubmission(record, {
      id,
      type: 'Newsdesk.Submission.Received',
      source: '/test',
      subject: `/submissions/${id}`,
      time: new Date(),
      data: {},
    });
    await store.markPublished(id);

    await expect.poll(() => deliveriesTo('/lost').length, { timeout: 20_000 }).toBe(1);
    expect(deliveriesTo('/lost')[0]).toMatchObject({
      deliveryId: `${id}.1`,
      validSignature: true,
      body: { submissionId: id, status: 'completed' },
    });
    await expect.poll(async () => (await getStatus(durable, id)).runtimeStatus, { timeout: 5_000 }).toBe('Completed');
    expect(await (await manage('reconcile')).json()).toMatchObject({ started: [], failed: [], errors: [] });
  });
});

describe('the orphan sweeper on the local stack', () => {
  it('deletes an incoming/ blob with no submission once it is old enough, and keeps a younger one and a submission’s', async () => {
    const kept = await submitFixtures(stack, `${client.url}/kept`, ['cat-chelsea.png']);
    const old = `orphan-old-${Date.now().toString(36)}/f1`;
    const young = `orphan-young-${Date.now().toString(36)}/f1`;
    await incoming.getBlockBlobClient(old).uploadData(Buffer.from('left by a host that died mid-upload'));
    await sleep(3_500);
    await incoming.getBlockBlobClient(young).uploadData(Buffer.from('still young'));

    const swept = await manage('sweep');
    expect(swept.status).toBe(200);
    expect(((await swept.json()) as { deleted: string[] }).deleted).toEqual([`incoming/${old}`]);
    expect(await incoming.getBlobClient(old).exists()).toBe(false);
    expect(await incoming.getBlobClient(young).exists()).toBe(true);
    expect(await incoming.getBlobClient(`${kept.submissionId}/${kept.files[0]!.fileId}`).exists()).toBe(true);

    for (const [headers, status] of [
      [{}, 401],
      [{ 'x-api-key': stack.apiKey }, 403],
    ] as const)
      expect((await manage('sweep', headers)).status).toBe(status);
  });
});
