import { describe, expect, it } from 'vitest';
import type { DurableClient } from 'durable-functions';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import type { SubmissionRecord } from '../../adapters/ingest-store/ingest-store.js';
import { failedInstanceId, fileInstanceId, incomingBlobOf } from '../../contracts/ids.js';
import type { FailSubmissionInput, PipelineSettings } from '../../contracts/orchestrations.js';
import { INTERRUPTED_REASON } from '../../contracts/submission-summary.js';
import type { ReconcileDeps } from './reconcile-settings.js';
import { reconcileSubmissions } from './reconcile-submissions.js';

const PIPELINE: PipelineSettings = {
  analysisTimeoutMs: { normal: 60_000, urgent: 60_000 },
  graceMs: 60_000,
  delivery: { firstRetryMs: 100, maxRetryMs: 1_000, windowMs: 10_000 },
  activityRetry: { firstRetryMs: 100, maxRetryMs: 1_000, windowMs: 10_000 },
  publicUrl: 'https://newsdesk.example',
};
const SHA = 'a'.repeat(64);

/**
 * The task hub as DurableClient speaks to it: instances by id, a 404 for an unknown one (as the SDK throws it), a
 * start refused while an instance of that id runs and replacing a finished one (as the extension does).
 */
function taskHub() {
  const instances = new Map<string, { name: string; runtimeStatus: string; input: unknown }>();
  const starts: { name: string; instanceId: string; input: unknown }[] = [];
  const durable = {
    async getStatus(id: string) {
      await Promise.resolve();
      const found = instances.get(id);
      if (!found) throw new Error(`DurableClient error: Durable Functions extension replied with HTTP 404 response. ${id}`);
      return { instanceId: id, ...found };
    },
    async startNew(name: string, options?: { instanceId?: string; input?: unknown }) {
      await Promise.resolve();
      const id = options!.instanceId!;
      if (['Running', 'Pending'].includes(instances.get(id)?.runtimeStatus ?? '')) throw new Error(`HTTP 400: ${id} exists`);
      instances.set(id, { name, runtimeStatus: 'Running', input: options!.input });
      starts.push({ name, instanceId: id, input: options!.input });
      return id;
    },
    async terminate(id: string) {
      const found = instances.get(id);
      if (found) found.runtimeStatus = 'Terminated';
    },
  };
  return { instances, starts, durable: durable as unknown as ReconcileDeps['durable'] & Pick<DurableClient, 'getStatus'> };
}

async function world(now = new Date()) {
  const store = new InMemoryIngestStore();
  const hub = taskHub();
  const deps: ReconcileDeps = {
    store,
    durable: hub.durable,
    pipeline: PIPELINE,
    reconcile: { startGraceMs: 60_000, lookbackMs: 7 * 86_400_000, pageSize: 2 },
    now: () => now,
  };
  const submit = async (id: string, o: Partial<SubmissionRecord> = {}) => {
    const receivedAt = o.receivedAt ?? new Date(now.getTime() - 120_000).toISOString();
    const record: SubmissionRecord = {
      submissionId: id,
      clientId: 'desk',
      status: 'processing',
      channel: 'http',
      files: ['f1', 'f2'].map((fileId) => ({
        fileId,
        name: `${fileId}.jpg`,
        size: 3,
        contentType: 'image/jpeg',
        sha256: SHA,
        blob: incomingBlobOf(id, fileId),
      })),
      webhookUrl: 'https://client.example/hook',
      priority: 'normal',
      receivedAt,
      updatedAt: receivedAt,
      published: true,
      ...o,
    };
    await store.createSubmission(record, { id, type: 't', source: '/s', subject: '/s', time: now, data: {} });
    if (record.status !== 'received') await store.updateSubmission(id, { status: record.status });
    return record;
  };
  return { store, hub, deps, submit };
}

describe('reconcileSubmissions', () => {
  it('fails a submission whose orchestration was terminated: record, files, running analyses, and one failSubmission', async () => {
    const { store, hub, deps, submit } = await world();
    await submit('s1');
    hub.instances.set('s1', { name: 'submission', runtimeStatus: 'Terminated', input: null });
    hub.instances.set(fileInstanceId('s1', 'f2'), { name: 'analyzeFile', runtimeStatus: 'Running', input: null });
    const analysis = { source: 'worker', mediaType: 'photo', topics: [], tags: ['dog'] } as never;
    await store.setFileState('s1', { fileId: 'f1', state: 'completed', analysis, updatedAt: new Date().toISOString() });
    await store.setFileState('s1', { fileId: 'f2', state: 'escalated', escalated: true, updatedAt: new Date().toISOString() });
    await store.putEscalation({ submissionId: 's1', fileId: 'f2', escalatedAt: '2026-01-01T00:00:00Z', deadline: '2026-01-01T01:00:00Z' });

    expect(await reconcileSubmissions(deps)).toEqual({ examined: 1, started: [], failed: ['s1'], errors: [] });

    expect((await store.getSubmission('s1'))?.status).toBe('failed');
    expect(hub.instances.get(fileInstanceId('s1', 'f2'))?.runtimeStatus).toBe('Terminated');
    expect(await store.fileStates('s1')).toMatchObject({
      f1: { state: 'completed' },
      f2: { state: 'failed', reason: INTERRUPTED_REASON, escalated: true },
    });
    expect(await store.listEscalations()).toEqual([]);
    expect(hub.starts).toHaveLength(1);
    const input = hub.starts[0]!.input as FailSubmissionInput;
    expect(hub.starts[0]).toMatchObject({ name: 'failSubmission', instanceId: failedInstanceId('s1') });
    expect(input).toMatchObject({
      submission: { submissionId: 's1', clientId: 'desk', webhook: { url: 'https://client.example/hook' } },
      files: { f1: { state: 'completed', analysis }, f2: { state: 'failed', escalated: true, reason: INTERRUPTED_REASON } },
      reason: INTERRUPTED_REASON,
      found: 'Terminated',
      settings: PIPELINE.delivery,
    });

    // A second pass finds nothing left to repair.
    expect(await reconcileSubmissions(deps)).toEqual({ examined: 0, started: [], failed: [], errors: [] });
    expect(hub.starts).toHaveLength(1);
  });

  it('two passes at once tell the client once', async () => {
    const { hub, deps, submit } = await world();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      await submit(id);
      hub.instances.set(id, { name: 'submission', runtimeStatus: id === 'c' ? 'Running' : 'Failed', input: null });
    }
    const [one, two] = await Promise.all([reconcileSubmissions(deps), reconcileSubmissions(deps)]);
    expect([...one.failed, ...two.failed].sort()).toEqual(['a', 'b', 'd', 'e']);
    expect(hub.starts.map((s) => s.instanceId).sort()).toEqual(['a', 'b', 'd', 'e'].map(failedInstanceId));
  });

  it('starts a published submission whose orchestration never started, once its grace has passed', async () => {
    const now = new Date();
    const { hub, deps, submit } = await world(now);
    await submit('lost', { status: 'received' });
    await submit('recent', { status: 'received', receivedAt: new Date(now.getTime() - 5_000).toISOString() });
    await submit('unpublished', { status: 'received', published: false });
    await submit('done', { status: 'completed' });

    const [one, two] = await Promise.all([reconcileSubmissions(deps), reconcileSubmissions(deps)]);

    expect([...one.started, ...two.started]).toEqual(['lost']);
    expect(hub.starts).toHaveLength(1);
    expect(hub.starts[0]).toMatchObject({
      name: 'submission',
      instanceId: 'lost',
      input: {
        submission: { submissionId: 'lost', clientId: 'desk', channel: 'http', files: [{ fileId: 'f1' }, { fileId: 'f2' }] },
        settings: PIPELINE,
      },
    });
    // Running now: the next pass leaves it alone.
    expect((await reconcileSubmissions(deps)).started).toEqual([]);
  });

  it('gives the record back when the client could not be told, so the next pass repairs it', async () => {
    const { store, hub, deps, submit } = await world();
    await submit('s1');
    hub.instances.set('s1', { name: 'submission', runtimeStatus: 'Failed', input: null });
    const startNew = hub.durable.startNew;
    hub.durable.startNew = () => Promise.reject(new Error('task hub unavailable'));

    expect(await reconcileSubmissions(deps)).toMatchObject({ failed: [], errors: [{ submissionId: 's1', error: 'task hub unavailable' }] });
    expect((await store.getSubmission('s1'))?.status).toBe('processing');

    hub.durable.startNew = startNew;
    expect((await reconcileSubmissions(deps)).failed).toEqual(['s1']);
    expect(hub.starts.map((s) => s.instanceId)).toEqual([failedInstanceId('s1')]);
  });
});
