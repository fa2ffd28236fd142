import { TableClient } from '@azure/data-tables';

/** The tables an adapter uses, created once on first use (a failed creation is retried next time). */
export class TableSet<Name extends string> {
  private readonly clients = new Map<Name, TableClient>();
  private created: Promise<unknown> | undefined;

  constructor(connectionString: string, names: readonly Name[]) {
    // Azurite is plain http on loopback; Azure's endpoints are https.
    for (const n of names) this.clients.set(n, TableClient.fromConnectionString(connectionString, n, { allowInsecureConnection: true }));
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
