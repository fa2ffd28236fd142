import type { DuplicateIndex } from '../../adapters/duplicate-index/duplicate-index.js';
import type { IngestStore } from '../../adapters/ingest-store/ingest-store.js';
import type { Duplicate } from '../../contracts/submission-summary.js';
import type { ActivityInput } from './catalog.js';
import { registerActivity } from './register-activity.js';

/** A flat frame (a fade to black or white) hashes to all zeros or all ones and would match every such frame of every video. */
const FLAT = new Set(['0000000000000000', 'ffffffffffffffff']);

/**
 * Each completed file's earlier copies among the client's files in the index's window, and the file indexed for
 * those that come after it. Files of one submission are taken in its order, each looked up before it is inserted,
 * so that of two copies in one submission only the later names the earlier. A retry repeats the same effect: the
 * index keeps what it stored first, and what the first attempt indexed of this submission from this file on is left
 * out (the file itself by the index, the later ones here). The files with an earlier copy are marked on the
 * submission, where the desk filters by it.
 */
export function createFindDuplicates(index: DuplicateIndex, store: Pick<IngestStore, 'setDuplicates'>) {
  return async ({ clientId, submissionId, receivedAt, files }: ActivityInput<'findDuplicates'>): Promise<Record<string, Duplicate[]>> => {
    const found: Record<string, Duplicate[]> = {};
    const later = new Set<string>();
    for (const f of files) later.add(f.fileId);
    for (const { fileId, name, sha256, hashes } of files) {
      const entry = { clientId, submissionId, fileId, name, sha256, hashes: hashes.filter((h) => !FLAT.has(h.toLowerCase())) };
      later.delete(fileId);
      const matches = await index.lookup({ ...entry, receivedAt });
      found[fileId] = matches.filter((m) => m.submissionId !== submissionId || !later.has(m.fileId));
      await index.insert({ ...entry, indexedAt: receivedAt });
    }
    await store.setDuplicates(
      submissionId,
      files.filter((f) => found[f.fileId]!.length > 0).map((f) => f.fileId),
    );
    return found;
  };
}

export function registerFindDuplicates(index: DuplicateIndex, store: Pick<IngestStore, 'setDuplicates'>): void {
  registerActivity('findDuplicates', createFindDuplicates(index, store));
}
