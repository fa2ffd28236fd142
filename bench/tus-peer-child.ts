import { createServer } from 'node:http';
import { once } from 'node:events';
import { BlobServiceClient } from '@azure/storage-blob';
import { AzureStore } from '@tus/azure-store';
import { Server } from '@tus/server';

/**
 * The ingest bench's peer, in a process of its own so its CPU time can be read from /proc: `@tus/server` with
 * `@tus/azure-store` on the same Azurite (connection string in argv[2], a container of its own), on a loopback port
 * it sends to the parent.
 */
async function main(): Promise<void> {
  const client = BlobServiceClient.fromConnectionString(process.argv[2]!).getContainerClient('benchtus');
  await client.createIfNotExists();
  const tus = new Server({ path: '/files', datastore: new AzureStore({ client }) });
  const server = createServer((req, res) => void tus.handle(req, res));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the tus server has no port');
  process.send!({ port: address.port });
  process.once('disconnect', () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
