import type { TableClient } from '@azure/data-tables';
import type { StorageAccess } from '../azure-access/azure-access.js';
import { tableClientOf } from '../azure-access/storage-clients.js';

/** The tables an adapter uses, created once on first use (a failed creation is retried next time). */
export class TableSet<Name extends string> {
  private readonly clients = new Map<Name, TableClient>();
  private created: Promise<unknown> | undefined;

  constructor(access: StorageAccess | string, names: readonly Name[]) {
    const resolved = typeof access === 'string' ? { connectionString: access } : access;
    for (const n of names) this.clients.set(n, tableClientOf(resolved, n));
  }

  async table(name: Name): Promise<TableClient> {
    this.created ??= Promise.all([...this.clients.values()].map((c) => c.createTable())).catch((e: unknown) => {
      this.created = undefined;
      throw e;
    });
    await this.created;
    return this.clients.get(name)!;
  }
}
