import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { IngestStore } from './ingest-store.js';

/** The escalation queue and atomic file-state changes (the desk's resolutions): part of the IngestStore contract. */
export function escalationIngestStoreContract(make: () => IngestStore): void {
  it('changes one file state atomically: creates it, writes nothing when the change declines, and loses no concurrent change', async () => {
    const store = make();
    const id = `s-${randomUUID()}`;
    const escalated = { fileId: 'f1', state: 'escalated' as const, escalated: true, updatedAt: '2026-01-01T00:00:00.000Z' };
    // As written: with the first time of its state, which the store keeps (as setFileState does).
    const stored = { ...escalated, since: { escalated: escalated.updatedAt } };
    expect(await store.updateFileState(id, 'f1', (current) => (current ? undefined : escalated))).toEqual(stored);
    expect(await store.updateFileState(id, 'f1', () => undefined)).toBeUndefined();
    expect((await store.fileStates(id)).f1).toEqual(stored);
    const by = { id: 'editor:Night', name: 'Night' };
    const resolution = { by, at: '2026-01-01T00:00:30.000Z', outcome: 'analysed' as const, note: 'Zürich, checked' };
    // A person's resolution and the orchestration's final write race: whichever runs second sees the first.
    await Promise.all([
      store.updateFileState(id, 'f1', (current) => current && { ...current, resolution }),
      store.updateFileState(id, 'f1', (current) => ({
        ...escalated,
        state: 'completed',
        updatedAt: '2026-01-01T00:01:00.000Z',
        resolution: current?.resolution,
      })),
    ]);
    const final = (await store.fileStates(id)).f1;
    expect(final?.resolution).toEqual(resolution);
    expect(['completed', 'escalated']).toContain(final?.state);
    expect(await store.updateFileState(id, 'f2', (current) => current)).toBeUndefined();
    expect(Object.keys(await store.fileStates(id))).toEqual(['f1']);
  });

  it('indexes escalated files, lists them oldest first, and forgets a removed one', async () => {
    const store = make();
    const id = `s-${randomUUID()}`;
    const row = (fileId: string, escalatedAt: string) => ({
      submissionId: id,
      fileId,
      escalatedAt,
      deadline: new Date(Date.parse(escalatedAt) + 60_000).toISOString(),
    });
    const [late, early, middle] = [
      row('f1', '2026-01-01T00:02:00.000Z'),
      row('f2', '2026-01-01T00:00:00.000Z'),
      row('f3', '2026-01-01T00:01:00.000Z'),
    ];
    for (const r of [late, early, middle, late]) await store.putEscalation(r);
    const mine = async () => (await store.listEscalations()).filter((e) => e.submissionId === id);
    expect(await mine()).toEqual([early, middle, late]);
    await store.removeEscalation(id, 'f2');
    await store.removeEscalation(id, 'f2');
    await store.removeEscalation(`other-${id}`, 'f1');
    expect(await mine()).toEqual([middle, late]);
  });
}
