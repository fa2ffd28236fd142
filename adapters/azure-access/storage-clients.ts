import { TableClient } from '@azure/data-tables';
import { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { ServiceBusAccess, StorageAccess } from './azure-access.js';

const url = (accountName: string, service: 'blob' | 'queue' | 'table') => `https://${accountName}.${service}.core.windows.net`;

export function blobServiceOf(access: StorageAccess): BlobServiceClient {
  return 'connectionString' in access
    ? BlobServiceClient.fromConnectionString(access.connectionString)
    : new BlobServiceClient(url(access.accountName, 'blob'), access.credential);
}

export function queueServiceOf(access: StorageAccess): QueueServiceClient {
  return 'connectionString' in access
    ? QueueServiceClient.fromConnectionString(access.connectionString)
    : new QueueServiceClient(url(access.accountName, 'queue'), access.credential);
}

export function tableClientOf(access: StorageAccess, table: string): TableClient {
  // Azurite is plain http on loopback; Azure's endpoints are https.
  return 'connectionString' in access
    ? TableClient.fromConnectionString(access.connectionString, table, { allowInsecureConnection: true })
    : new TableClient(url(access.accountName, 'table'), table, access.credential);
}

export function serviceBusClientOf(access: ServiceBusAccess): ServiceBusClient {
  return 'connectionString' in access
    ? new ServiceBusClient(access.connectionString)
    : new ServiceBusClient(access.namespace, access.credential);
}

/** Reads queue runtime properties (the backlog); needs the Manage right (Azure Service Bus Data Owner on the queue). */
export function serviceBusAdministrationOf(access: ServiceBusAccess): ServiceBusAdministrationClient {
  return 'connectionString' in access
    ? new ServiceBusAdministrationClient(access.connectionString)
    : new ServiceBusAdministrationClient(access.namespace, access.credential);
}
