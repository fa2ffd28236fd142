import { open } from 'node:fs/promises';
import { BlockBlobClient } from '@azure/storage-blob';
import { blockId } from './block-id.js';
import type { ResumeRecord, SessionFile } from './session-request.js';

/** Blocks in flight at once for one file: enough to fill a link, few enough to keep memory at 4 blocks. */
const PARALLEL = 4;

/**
 * Stages the blocks of one file that the record does not list as staged, straight to Blob Storage with the session's
 * SAS URL, then commits the block list. `onStaged` runs after each block is staged (the caller saves the record and
 * moves the progress bar), so an interrupted run loses at most the blocks in flight.
 */
export async function stageFile(
  file: SessionFile,
  entry: ResumeRecord['files'][number],
  blockSize: number,
  onStaged: () => void,
): Promise<void> {
  if (entry.committed) return;
  const blob = new BlockBlobClient(entry.uploadUrl);
  const done = new Set(entry.staged);
  const missing = Array.from({ length: entry.blocks }, (_, i) => i).filter((i) => !done.has(i));
  const handle = await open(file.path, 'r');
  try {
    const worker = async (): Promise<void> => {
      for (let index = missing.shift(); index !== undefined; index = missing.shift()) {
        const length = Math.min(blockSize, file.size - index * blockSize);
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, index * blockSize);
        try {
          await blob.stageBlock(blockId(index), buffer, length);
        } catch (error) {
          // The other workers finish the block they hold and stop: the first failure is the one reported.
          missing.length = 0;
          throw error;
        }
        entry.staged.push(index);
        onStaged();
      }
    };
    const failed = (await Promise.allSettled(Array.from({ length: PARALLEL }, worker))).find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } finally {
    await handle.close();
  }
  await blob.commitBlockList(Array.from({ length: entry.blocks }, (_, i) => blockId(i)));
  entry.committed = true;
}
