import type { Readable } from 'node:stream';
import type { BlobStore } from '../../adapters/blob-store/blob-store.js';
import { incomingPrefix, resultsPrefix } from '../../contracts/ids.js';
import type { Compensation } from '../../contracts/orchestrations.js';
import { registerActivity } from './register-activity.js';

/**
 * Undoes a cancelled submission's storage: originals and derived files are deleted, or with
 * `retain` the originals move to `retention/{submissionId}/…` first. Re-running it finds less to do.
 */
export function createCompensateSubmission(deps: { blobs: BlobStore; retain: boolean }) {
  return async (submissionId: string): Promise<Compensation> => {
    let retained = 0;
    if (deps.retain) {
      for (const path of await deps.blobs.list(incomingPrefix(submissionId))) {
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
      (await deps.blobs.deletePrefix(incomingPrefix(submissionId))) + (await deps.blobs.deletePrefix(resultsPrefix(submissionId)));
    return { deleted, retained };
  };
}

export function registerCompensateSubmission(deps: { blobs: BlobStore; retain: boolean }): void {
  registerActivity('compensateSubmission', createCompensateSubmission(deps));
}
