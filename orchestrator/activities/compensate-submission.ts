import * as df from 'durable-functions';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import { tracedActivity } from './traced-activity.js';

export const COMPENSATE_SUBMISSION = 'compensateSubmission';

/**
 * Undoes a cancelled submission's storage: originals and derived files are deleted, or with
 * `retain` the originals move to `retention/{submissionId}/…` first. Re-running it finds less to do.
 */
export function createCompensateSubmission(deps: { blobs: BlobStore; retain: boolean }) {
  return async (submissionId: string): Promise<{ deleted: number; retained: number }> => {
    let retained = 0;
    if (deps.retain) {
      for (const path of await deps.blobs.list(`incoming/${submissionId}/`)) {
        const name = path.slice('incoming/'.length);
        const info = await deps.blobs.info(path);
        await deps.blobs.upload(`retention/${name}`, (await deps.blobs.read(path)) as Readable, {
          contentType: info?.contentType,
          metadata: info?.metadata,
        });
        retained++;
      }
    }
    const deleted =
      (await deps.blobs.deletePrefix(`incoming/${submissionId}/`)) + (await deps.blobs.deletePrefix(`results/${submissionId}/`));
    return { deleted, retained };
  };
}

export function registerCompensateSubmission(deps: { blobs: BlobStore; retain: boolean }): void {
  df.app.activity(COMPENSATE_SUBMISSION, { handler: tracedActivity(COMPENSATE_SUBMISSION, createCompensateSubmission(deps)) });
}
