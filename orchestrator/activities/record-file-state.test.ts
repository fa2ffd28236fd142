import { describe, expect, it } from 'vitest';
import { InMemoryIngestStore } from '../../adapters/ingest-store/in-memory-ingest-store.js';
import { manualAnalysisFixture } from '../../test/support/summary-fixture.js';
import { createRecordFileState } from './record-file-state.js';

describe('recordFileState', () => {
  it("writes a file's state for the status API, with the result's blob and the analysis once it is completed", async () => {
    const store = new InMemoryIngestStore();
    const record = createRecordFileState(store);
    const before = Date.now();
    await record({ submissionId: 's1', outcome: { fileId: 'f1', state: 'escalated', escalated: true } });
    await record({
      submissionId: 's1',
      outcome: {
        fileId: 'f2',
        state: 'completed',
        result: { fileId: 'f2', resultBlob: 'results/s1/f2/analysis.json', summary: manualAnalysisFixture() },
      },
    });
    const states = await store.fileStates('s1');
    expect(states).toEqual({
      f1: { fileId: 'f1', state: 'escalated', escalated: true, updatedAt: expect.any(String), since: { escalated: expect.any(String) } },
      f2: {
        fileId: 'f2',
        state: 'completed',
        resultBlob: 'results/s1/f2/analysis.json',
        analysis: manualAnalysisFixture(),
        updatedAt: expect.any(String),
        since: { completed: expect.any(String) },
      },
    });
    expect(Date.parse(states.f1!.updatedAt)).toBeGreaterThanOrEqual(before - 1);
  });

  it('replaces the earlier state of the same file, keeping when each state began: a retry repeats the same write', async () => {
    const store = new InMemoryIngestStore();
    const record = createRecordFileState(store);
    await record({ submissionId: 's1', outcome: { fileId: 'f1', state: 'escalated', escalated: true } });
    const escalatedAt = (await store.fileStates('s1')).f1!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await record({ submissionId: 's1', outcome: { fileId: 'f1', state: 'timed-out', escalated: true, reason: 'no analysis' } });
    const timedOutAt = (await store.fileStates('s1')).f1!.updatedAt;
    await new Promise((resolve) => setTimeout(resolve, 2));
    await record({ submissionId: 's1', outcome: { fileId: 'f1', state: 'timed-out', escalated: true, reason: 'no analysis' } });
    expect(await store.fileStates('s1')).toEqual({
      f1: {
        ...{ fileId: 'f1', state: 'timed-out', escalated: true, reason: 'no analysis', updatedAt: expect.any(String) },
        since: { escalated: escalatedAt, 'timed-out': timedOutAt },
      },
    });
    expect(await store.fileStates('s2')).toEqual({});
  });

  it("indexes an escalated file until its analysis ends, and keeps an editor's resolution over the final write", async () => {
    const store = new InMemoryIngestStore();
    const record = createRecordFileState(store);
    const graceUntil = '2026-01-01T02:00:00.000Z';
    await record({ submissionId: 's1', outcome: { fileId: 'f1', state: 'escalated', escalated: true }, graceUntil });
    await record({ submissionId: 's1', outcome: { fileId: 'f2', state: 'escalated', escalated: true }, graceUntil });
    expect(await store.listEscalations()).toEqual([
      { submissionId: 's1', fileId: 'f1', escalatedAt: (await store.fileStates('s1')).f1!.updatedAt, deadline: graceUntil },
      expect.objectContaining({ fileId: 'f2' }),
    ]);
    const resolution = { by: { id: 'editor:Night', name: 'Night' }, at: '2026-01-01T01:00:00.000Z', outcome: 'analysed' as const };
    await store.updateFileState('s1', 'f1', (current) => current && { ...current, resolution });
    await record({
      submissionId: 's1',
      outcome: { fileId: 'f1', state: 'completed', escalated: true, result: { fileId: 'f1', summary: manualAnalysisFixture() } },
    });
    await record({ submissionId: 's1', outcome: { fileId: 'f2', state: 'timed-out', escalated: true, reason: 'no analysis' } });
    expect(await store.listEscalations()).toEqual([]);
    const states = await store.fileStates('s1');
    expect(states.f1).toMatchObject({ state: 'completed', resolution });
    expect(states.f2?.resolution).toBeUndefined();
  });
});
