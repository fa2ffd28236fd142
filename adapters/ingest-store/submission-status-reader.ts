import { RestError } from '@azure/data-tables';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { tableClientOf } from '../azure-access/storage-clients.js';
import { unpackJson, type JsonEntity } from '../table-storage/json-entity.js';
import type { SubmissionRecord, SubmissionStatus } from './ingest-store.js';

/**
 * A submission's status, read from the row TableIngestStore keeps it in (`submissions`, partition = id, row
 * `submission`) and nothing else: no table is created, so the worker identity needs only Storage Table Data Reader
 * on this one table (infra/azure/modules/worker-roles.bicep), not the ingest store's other tables. Undefined: no such
 * submission (or no table yet).
 */
export function submissionStatusReader(access: StorageAccess | string): (submissionId: string) => Promise<SubmissionStatus | undefined> {
  const table = tableClientOf(typeof access === 'string' ? { connectionString: access } : access, 'submissions');
  return async (submissionId) => {
    try {
      return unpackJson<SubmissionRecord>(await table.getEntity<JsonEntity>(submissionId, 'submission')).status;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return undefined;
      throw e;
    }
  };
}
