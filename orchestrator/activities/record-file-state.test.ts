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
});
