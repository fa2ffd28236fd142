import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process.js';
import { getStatus, raiseEvent, startOrchestration, waitForStatus } from '../support/durable-client.js';
import { summaryIssues } from '../support/published-summary.js';
import { scriptedAnalysis } from '../support/scripted-analysis.js';

let host: HostProcess;
let n = 0;
const id = (p: string) => `${p}-${Date.now()}-${n++}`;
const settings = {
  analysisTimeoutMs: { normal: 800, urgent: 400 },
  graceMs: 800,
  delivery: { firstRetryMs: 100, maxRetryMs: 400, windowMs: 1500 },
  publicUrl: 'https://desk.example.net',
};
const photo = scriptedAnalysis('photo');

beforeAll(async () => {
  host = await startHostProcess({ app: 'test/apps/orchestrators' });
});
afterAll(async () => {
  await host?.kill();
});

type Call = { name: string; input: Record<string, unknown> };
const calls = async (): Promise<Call[]> => (await (await fetch(`${host.url}/api/fakes`)).json()) as Call[];
const arrange = (body: unknown) =>
  fetch(`${host.url}/api/fakes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const fileInput = (submissionId: string, fileId: string, timeoutMs = 800) => ({
  submissionId,
  fileId,
  blob: `incoming/${submissionId}/${fileId}`,
  contentType: 'image/jpeg',
  mediaType: 'photo',
  timeoutMs,
  graceMs: 800,
});
const submission = (submissionId: string, fileIds: string[], webhook = 'https://client.test/hook') => ({
  submission: {
    submissionId,
    clientId: 'c1',
    files: fileIds.map((f) => ({
      fileId: f,
      name: `${f}.jpg`,
      size: 1,
      contentType: 'image/jpeg',
      sha256: 'a'.repeat(64),
      blob: `incoming/${submissionId}/${f}`,
    })),
    webhook: { url: webhook },
    priority: 'normal',
    channel: 'http',
    receivedAt: '2026-11-22T00:00:00.000Z',
  },
  settings,
});

describe('analyzeFile with fake activities', () => {
  it('enqueues the job with the instance as callback and completes on AnalysisCompleted, cancelling the timer', async () => {
    const s = id('s');
    const instance = `${s}.f1`;
    await startOrchestration(host, 'analyzeFile', instance, fileInput(s, 'f1', 60_000));
    await expect.poll(async () => (await calls()).some((c) => c.name === 'enqueueAnalysis' && c.input.instanceId === instance)).toBe(true);
    await raiseEvent(host, instance, 'AnalysisCompleted', { fileId: 'f1', summary: photo });
    const done = await waitForStatus(host, instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ fileId: 'f1', state: 'completed', escalated: false, result: { summary: photo } });
    expect((await calls()).some((c) => c.name === 'escalateAnalysis' && c.input.submissionId === s)).toBe(false);
  });

  it('fails the file on AnalysisFailed without waiting for the deadline', async () => {
    const s = id('s');
    await arrange({ autoAnswer: { fileId: `${s}-bad`, event: 'AnalysisFailed', data: { fileId: `${s}-bad`, reason: 'truncated MP4' } } });
    const instance = `${s}.bad`;
    await startOrchestration(host, 'analyzeFile', instance, fileInput(s, `${s}-bad`, 60_000));
    const done = await waitForStatus(host, instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ state: 'failed', reason: 'truncated MP4' });
  });

  it('treats a malformed AnalysisCompleted payload as a failure with the reason', async () => {
    const s = id('s');
    const instance = `${s}.f1`;
    await startOrchestration(host, 'analyzeFile', instance, fileInput(s, 'f1', 60_000));
    await waitForStatus(host, instance, ['Running']);
    await raiseEvent(host, instance, 'AnalysisCompleted', { nope: true });
    const done = await waitForStatus(host, instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({ state: 'failed' });
    expect(String((done.output as { reason: string }).reason)).toMatch(/invalid AnalysisCompleted payload/);
  });

  it('escalates when the timer wins, then accepts a late answer within the grace period', async () => {
    const s = id('s');
    const instance = `${s}.f1`;
    await startOrchestration(host, 'analyzeFile', instance, fileInput(s, 'f1'));
    await expect
      .poll(async () => (await calls()).some((c) => c.name === 'escalateAnalysis' && c.input.submissionId === s), { timeout: 5_000 })
      .toBe(true);
    expect(
      (await calls()).find((c) => c.name === 'recordFileState' && (c.input as { submissionId: string }).submissionId === s)?.input,
    ).toMatchObject({ outcome: { state: 'escalated' } });
    await raiseEvent(host, instance, 'AnalysisCompleted', { fileId: 'f1', summary: { source: 'manual', caption: 'by a person' } });
    const done = await waitForStatus(host, instance, ['Completed'], 5_000);
    expect(done.output).toMatchObject({
      state: 'completed',
      escalated: true,
      // What the person left out is empty, as in every manual analysis.
      result: { summary: { source: 'manual', caption: 'by a person', tags: [], topics: [], note: null } },
    });
  });

  it('gives up as timed-out after the grace period', async () => {
    const s = id('s');
    const instance = `${s}.f1`;
    const started = Date.now();
    await startOrchestration(host, 'analyzeFile', instance, fileInput(s, 'f1'));
    const done = await waitForStatus(host, instance, ['Completed'], 10_000);
    expect(done.output).toMatchObject({ state: 'timed-out', escalated: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1600);
    // The deadline and the grace period, nothing else: a successful retried escalation takes no retry timer.
    const history = await getStatus(host, instance, 'showHistory=true');
    expect(history.historyEvents?.filter((e) => e.EventType === 'TimerCreated')).toHaveLength(2);
  });
});

describe('submission with fake activities', () => {
  it('fans out, aggregates partial results, writes the summary and delivers after retries', async () => {
    const s = id('s');
    await arrange({ autoAnswer: { fileId: `${s}-a`, event: 'AnalysisCompleted', data: { fileId: `${s}-a`, summary: photo } } });
    await arrange({ autoAnswer: { fileId: `${s}-b`, event: 'AnalysisFailed', data: { fileId: `${s}-b`, reason: 'corrupt' } } });
    await arrange({ deliveryScript: { deliveryId: `${s}.1`, outcomes: ['retry', 'retry'] } });
    await startOrchestration(host, 'submission', s, submission(s, [`${s}-a`, `${s}-b`]));
    const done = await waitForStatus(host, s, ['Completed'], 10_000);
    expect(done.output).toMatchObject({ status: 'partial', delivery: { outcome: 'delivered', attempts: 3, deliveryId: `${s}.1` } });
    const mine = (await calls()).filter((c) => JSON.stringify(c.input).includes(s));
    expect(mine.filter((c) => c.name === 'deliverWebhook').map((c) => c.input.attempt)).toEqual([1, 2, 3]);
    const written = mine.find((c) => c.name === 'writeSummary')!.input;
    expect(written).toMatchObject({ schemaVersion: 1, submissionId: s, status: 'partial' });
    expect(summaryIssues(written)).toBeNull();
    expect(written.files).toMatchObject([
      {
        state: 'completed',
        analysis: photo,
        duplicates: [],
        links: {
          original: `https://desk.example.net/api/submissions/${s}/files/${s}-a/original`,
          thumbnail320: `https://desk.example.net/api/submissions/${s}/files/${s}-a/thumbnail-320`,
        },
      },
      {
        state: 'failed',
        reason: 'corrupt',
        analysis: null,
        links: { original: `https://desk.example.net/api/submissions/${s}/files/${s}-b/original` },
      },
    ]);
    for (const delivery of mine.filter((c) => c.name === 'deliverWebhook')) expect(delivery.input.summary).toEqual(written);
    expect(mine.filter((c) => c.name === 'markSubmission').map((c) => c.input.status)).toEqual(['processing', 'partial']);
    expect((await getStatus(host, s)).customStatus).toMatchObject({
      state: 'partial',
      files: { [`${s}-a`]: { state: 'completed' }, [`${s}-b`]: { state: 'failed' } },
    });
  });

  it('dead-letters when the retry window closes', async () => {
    const s = id('s');
    await arrange({ autoAnswer: { fileId: `${s}-a`, event: 'AnalysisCompleted', data: { fileId: `${s}-a`, summary: photo } } });
    await arrange({ deliveryScript: { deliveryId: `${s}.1`, outcomes: Array(50).fill('retry') } });
    await startOrchestration(host, 'submission', s, submission(s, [`${s}-a`]));
    const done = await waitForStatus(host, s, ['Completed'], 15_000);
    expect(done.output).toMatchObject({ status: 'completed', delivery: { outcome: 'dead-lettered' } });
    expect((await calls()).some((c) => c.name === 'deadLetterDelivery' && c.input.submissionId === s)).toBe(true);
  });

  it('stops at 410 Gone without retrying', async () => {
    const s = id('s');
    await arrange({ autoAnswer: { fileId: `${s}-a`, event: 'AnalysisCompleted', data: { fileId: `${s}-a`, summary: photo } } });
    await arrange({ deliveryScript: { deliveryId: `${s}.1`, outcomes: ['gone'] } });
    await startOrchestration(host, 'submission', s, submission(s, [`${s}-a`]));
    const done = await waitForStatus(host, s, ['Completed'], 10_000);
    expect(done.output).toMatchObject({ delivery: { outcome: 'gone', attempts: 1 } });
  });
});
