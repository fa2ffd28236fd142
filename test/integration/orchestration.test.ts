import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisJob } from '../../contracts/job.js';
import { TableIngestStore } from '../../adapters/ingest-store/table-ingest-store.js';
import type { EscalationRow } from '../../ingest/staff/list-escalations.js';
import { STACK_MASTER_KEY, startStack, submitFixtures, type Stack, type Submitted } from '../support/newsdesk-stack.js';
import { startTestWorker, type Behaviour } from '../support/test-worker.js';
import { startReceiver } from '../support/webhook-receiver.js';

const SECRET = 'orchestration-test-webhook-secret';
let stack: Stack;
let client: Awaited<ReturnType<typeof startReceiver>>;
let ops: Awaited<ReturnType<typeof startReceiver>>;
let worker: ReturnType<typeof startTestWorker>;
/** Per file name: what the test worker does with its job. */
const plan = new Map<string, Behaviour>();
const names = new Map<string, string>();
/** Per path of the client's webhook: how many more times to answer 503 (Infinity = never comes back). */
const downFor = new Map<string, number>();

beforeAll(async () => {
  ops = await startReceiver('unused');
  client = await startReceiver(SECRET, (r) => {
    const left = downFor.get(r.path) ?? 0;
    if (left > 0) {
      downFor.set(r.path, left - 1);
      return 503;
    }
    return 200;
  });
  stack = await startStack({
    NEWSDESK_DEV_WEBHOOK_SECRET: SECRET,
    NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: 'PT2S',
    NEWSDESK_ESCALATION_GRACE: 'PT4S',
    NEWSDESK_DELIVERY_FIRST_RETRY: 'PT0.3S',
    NEWSDESK_DELIVERY_MAX_RETRY: 'PT1S',
    NEWSDESK_DELIVERY_RETRY_WINDOW: 'PT3S',
    NEWSDESK_OPS_WEBHOOK_URL: `${ops.url}/ops`,
  });
  worker = startTestWorker(stack.storage, (job: AnalysisJob) => plan.get(names.get(job.fileId) ?? '') ?? { kind: 'complete' });
});
afterAll(async () => {
  if (process.env.DEBUG_STACK) (await import('node:fs')).writeFileSync('/tmp/orch-out.txt', stack?.output() ?? '');
  await worker?.stop();
  await stack?.stop();
  await client?.close();
  await ops?.close();
});

async function submit(files: string[], hookPath: string): Promise<Submitted> {
  // 'fixture.jpg#upload-name.jpg' uploads a fixture under another name (the test worker keys on names).
  const uploads = files.map((spec): [string, string] => {
    const [source, uploadName = source] = spec.split('#') as [string, string?];
    return [source, uploadName];
  });
  const body = await submitFixtures(stack, `${client.url}${hookPath}`, uploads);
  body.files.forEach((f) => names.set(f.fileId, f.name));
  return body;
}

const deliveriesTo = (path: string) => client.received.filter((r) => r.path === path);
const view = async (id: string) =>
  (await (await fetch(`${stack.url}/api/submissions/${id}`, { headers: { 'x-api-key': stack.apiKey } })).json()) as {
    status: string;
    files: { fileId: string; state: string; escalated: boolean; reason?: string }[];
  };

// What needs the whole stack: ingest's APIs (status, supply analysis, replay, cancel), Event Grid, the real queue and
// Blob Storage. The orchestrations' own logic (failures, timeouts, retries) is unit-tested beside them, in milliseconds.
describe('the submission orchestration on the local host, with the real queue and a worker raising events', () => {
  it('fans out, collects every result, writes the summary and delivers one signed webhook', async () => {
    const s = await submit(['dog-bicycle-truck.jpg', 'tears-of-steel-cuts.mp4'], '/all-complete');
    await expect.poll(() => deliveriesTo('/all-complete').length, { timeout: 20_000 }).toBe(1);
    const [d] = deliveriesTo('/all-complete');
    expect(d).toMatchObject({
      deliveryId: `${s.submissionId}.1`,
      validSignature: true,
      body: { submissionId: s.submissionId, status: 'completed' },
    });
    expect(d!.body.files!.map((f) => f.state)).toEqual(['completed', 'completed']);
    // The published schema holds (the receiver checks every summary), and the links lead back to this stack.
    expect(d!.summaryIssues).toBeNull();
    expect(d!.body).toMatchObject({ schemaVersion: 1, links: { submission: `${stack.url}/api/submissions/${s.submissionId}` } });
    expect(d!.body.files!.map((f) => [f.analysis?.source, f.links.original])).toEqual(
      s.files.map((f) => ['worker', `${stack.url}/api/submissions/${s.submissionId}/files/${f.fileId}/original`]),
    );
    const summary = await BlobServiceClient.fromConnectionString(stack.storage)
      .getContainerClient('results')
      .getBlobClient(`${s.submissionId}/summary.json`)
      .downloadToBuffer();
    expect(JSON.parse(summary.toString())).toMatchObject({ submissionId: s.submissionId, status: 'completed' });
    expect((await view(s.submissionId)).status).toBe('completed');
    expect(
      worker.seen
        .filter((j) => j.submissionId === s.submissionId)
        .map((j) => j.mediaType)
        .sort(),
    ).toEqual(['photo', 'video']);
  });

  it('escalates a file whose analysis times out, lists it on the desk, and takes the topics an editor resolves it with', async () => {
    plan.set('slow-cat.png', { kind: 'ignore' });
    const s = await submit(['cat-chelsea.png#slow-cat.png'], '/escalated');
    const fileId = s.files[0]!.fileId;
    await expect
      .poll(
        () =>
          ops.received.filter(
            (r) => (r.body as { type?: string }).type === 'Newsdesk.Analysis.Escalated' && JSON.stringify(r.body).includes(fileId),
          ).length,
        { timeout: 15_000 },
      )
      .toBe(1);
    expect((await view(s.submissionId)).files[0]).toMatchObject({ state: 'escalated', escalated: true });

    // The desk's queue lists it, with its grace deadline and the original an <img> can load.
    const staff = { authorization: `Bearer ${stack.editorKey}` };
    const escalations = async () =>
      ((await (await fetch(`${stack.url}/api/staff/escalations`, { headers: staff })).json()) as { escalations: EscalationRow[] })
        .escalations;
    const row = (await escalations()).find((e) => e.fileId === fileId);
    expect(row).toMatchObject({ submissionId: s.submissionId, clientName: expect.any(String), name: 'slow-cat.png', mediaType: 'photo' });
    expect(Date.parse(row!.deadline) - Date.parse(row!.escalatedAt)).toBeGreaterThan(3_000);
    const original = await fetch(row!.assets.original!);
    expect([original.status, original.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await fetch(`${stack.url}/api/staff/escalations`, { headers: { 'x-api-key': stack.apiKey } })).status).toBe(403);

    const resolveUrl = `${stack.url}/api/staff/submissions/${s.submissionId}/files/${fileId}/resolve`;
    const resolve = () =>
      fetch(resolveUrl, {
        method: 'POST',
        headers: { ...staff, 'content-type': 'application/json' },
        body: JSON.stringify({ outcome: 'analysed', topics: ['medtop:10000000'], labels: ['cat'], note: 'checked by the photo desk' }),
      });
    const resolved = await resolve();
    expect(resolved.status).toBe(202);
    const answer = (await resolved.json()) as { resolvedBy: { id: string; name: string }; resolvedAt: string };
    expect(answer).toMatchObject({ submissionId: s.submissionId, fileId, outcome: 'analysed', resolvedBy: { name: expect.any(String) } });
    await expect.poll(() => deliveriesTo('/escalated').length, { timeout: 15_000 }).toBe(1);
    const [file] = deliveriesTo('/escalated')[0]!.body.files!;
    expect(file).toMatchObject({
      state: 'completed',
      escalated: true,
      analysis: {
        source: 'manual',
        caption: null,
        tags: ['cat'],
        topics: [{ code: 'medtop:10000000', name: expect.any(String), confidence: 1 }],
        note: 'checked by the photo desk',
      },
    });
    // Nothing derived was written: the original is all there is to link.
    expect(Object.keys(file!.links)).toEqual(['original']);
    // Who resolved it, and when, stays on the file's record; nothing waits any more, and the queue no longer lists it.
    const states = await new TableIngestStore(stack.storage).fileStates(s.submissionId);
    expect(states[fileId]).toMatchObject({
      state: 'completed',
      resolution: { by: answer.resolvedBy, at: answer.resolvedAt, outcome: 'analysed', note: 'checked by the photo desk' },
    });
    expect((await resolve()).status).toBe(409);
    expect((await escalations()).some((e) => e.fileId === fileId)).toBe(false);
  });

  it('dead-letters and escalates when the receiver never comes back, and replays on request', async () => {
    downFor.set('/gone-for-good', Infinity);
    const s = await submit(['dog-bicycle-truck.jpg'], '/gone-for-good');
    const deliveriesUrl = `${stack.url}/api/submissions/${s.submissionId}/deliveries`;
    await expect
      .poll(
        async () =>
          ((await (await fetch(deliveriesUrl, { headers: { 'x-api-key': stack.apiKey } })).json()) as { deadLetter: unknown }).deadLetter,
        { timeout: 20_000 },
      )
      .toBeTruthy();
    await expect
      .poll(
        () =>
          ops.received.some(
            (r) => (r.body as { type?: string }).type === 'Newsdesk.Delivery.Escalated' && JSON.stringify(r.body).includes(s.submissionId),
          ),
        { timeout: 10_000 },
      )
      .toBe(true);
    downFor.set('/gone-for-good', 0);
    const replay = await fetch(`${deliveriesUrl}/replay`, { method: 'POST', headers: { 'x-api-key': stack.apiKey } });
    expect(replay.status).toBe(202);
    await expect
      .poll(
        () =>
          deliveriesTo('/gone-for-good')
            .filter((r) => r.answered === 200)
            .map((r) => r.deliveryId),
        { timeout: 15_000 },
      )
      .toEqual([`${s.submissionId}.2`]);
  });

  it('cancels: terminates the orchestration, deletes the stored files and tells the client', async () => {
    plan.set('cancel-me.png', { kind: 'ignore' });
    const s = await submit(['cat-chelsea.png#cancel-me.png'], '/cancelled');
    await expect.poll(async () => (await view(s.submissionId)).status, { timeout: 10_000 }).toBe('processing');
    const res = await fetch(`${stack.url}/api/submissions/${s.submissionId}`, { method: 'DELETE', headers: { 'x-api-key': stack.apiKey } });
    expect(res.status).toBe(202);
    await expect.poll(() => deliveriesTo('/cancelled').length, { timeout: 15_000 }).toBe(1);
    expect(deliveriesTo('/cancelled')[0]!.body).toMatchObject({
      status: 'cancelled',
      files: [{ state: 'failed', reason: 'cancelled by the client', analysis: null, links: {} }],
    });
    const instance = (await (
      await fetch(`${stack.url}/runtime/webhooks/durabletask/instances/${s.submissionId}?code=${STACK_MASTER_KEY}`)
    ).json()) as { runtimeStatus: string };
    expect(instance.runtimeStatus).toBe('Terminated');
    const incoming = BlobServiceClient.fromConnectionString(stack.storage).getContainerClient('incoming');
    const left: string[] = [];
    for await (const b of incoming.listBlobsFlat({ prefix: `${s.submissionId}/` })) left.push(b.name);
    expect(left).toEqual([]);
    expect(
      (await fetch(`${stack.url}/api/submissions/${s.submissionId}`, { method: 'DELETE', headers: { 'x-api-key': stack.apiKey } })).status,
    ).toBe(409);
  });
});
