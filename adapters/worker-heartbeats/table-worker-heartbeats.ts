import { RestError } from '@azure/data-tables';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { TableSet } from '../table-storage/table-set.js';
import { byLastSeen, type WorkerHeartbeat, type WorkerHeartbeats } from './worker-heartbeats.js';

const TABLES = ['workerheartbeats'] as const;
const PARTITION = 'worker';
/** Row keys may not hold / \ # ? or control characters; a worker id is a host name and a pid, or an ACI name. */
const rowKey = (workerId: string) => encodeURIComponent(workerId);

interface Row {
  workerId: string;
  lastSeenAt: string;
  classifierCircuit: string;
  problem?: string;
}

/** WorkerHeartbeats on Azure Table Storage: one row per worker, filtered on its ISO time (which sorts as text). */
export class TableWorkerHeartbeats implements WorkerHeartbeats {
  private readonly tables: TableSet<(typeof TABLES)[number]>;

  /** A connection string (Azurite, keys) or an account reached as a managed identity. */
  constructor(access: StorageAccess | string) {
    this.tables = new TableSet(access, TABLES);
  }

  async beat(heartbeat: WorkerHeartbeat): Promise<void> {
    const table = await this.tables.table('workerheartbeats');
    await table.upsertEntity(
      {
        partitionKey: PARTITION,
        rowKey: rowKey(heartbeat.workerId),
        ...heartbeat,
        classifierCircuit: heartbeat.classifierCircuit ?? '',
        // Replace leaves no old problem behind: a worker that recovered writes none.
        problem: heartbeat.problem ?? '',
      },
      'Replace',
    );
  }

  async seenSince(since: Date): Promise<WorkerHeartbeat[]> {
    const table = await this.tables.table('workerheartbeats');
    const filter = `PartitionKey eq '${PARTITION}' and lastSeenAt ge '${since.toISOString()}'`;
    const out: WorkerHeartbeat[] = [];
    for await (const row of table.listEntities<Row>({ queryOptions: { filter } })) {
      const circuit = row.classifierCircuit;
      out.push({
        workerId: row.workerId,
        lastSeenAt: row.lastSeenAt,
        classifierCircuit: circuit === 'open' || circuit === 'closed' || circuit === 'half-open' ? circuit : null,
        ...(row.problem ? { problem: row.problem } : {}),
      });
    }
    return out.sort(byLastSeen);
  }

  async remove(workerId: string): Promise<void> {
    const table = await this.tables.table('workerheartbeats');
    await table.deleteEntity(PARTITION, rowKey(workerId)).catch((e: unknown) => {
      if (!(e instanceof RestError && e.statusCode === 404)) throw e;
    });
  }
}
