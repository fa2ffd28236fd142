import { TableClient, type TableServiceClientOptions } from '@azure/data-tables';
import { ServiceBusAdministrationClient, ServiceBusClient } from '@azure/service-bus';
import { BlobServiceClient } from '@azure/storage-blob';
import { QueueServiceClient } from '@azure/storage-queue';
import type { ServiceBusAccess, StorageAccess, StorageRequests } from './azure-access.js';
import { tryTimeoutAgent } from './try-timeout-agent.js';

const url = (accountName: string, service: 'blob' | 'queue' | 'table') => `https://${accountName}.${service}.core.windows.net`;

/** The settings' defaults (NEWSDESK_STORAGE_TRY_TIMEOUT, NEWSDESK_STORAGE_MAX_TRIES), for callers that name none. */
export const DEFAULT_STORAGE_REQUESTS: StorageRequests = { tryTimeoutMs: 30_000, maxTries: 3 };
// Short waits between tries: a storage call that still fails after them is the caller's to retry (durable timers, the
// queue, the client's Retry-After), and an ingest request stuck in SDK back-off for a minute helps nobody.
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 4_000;

/**
 * What every storage client is made with: the SDKs' own retry policies with short waits, and connections that give
 * up after `tryTimeoutMs` of silence (try-timeout-agent.ts). `agent` is a core pipeline option that the storage SDKs'
 * option types omit but hand on (test/integration/storage-hang.test.ts holds them to it). `url`: the endpoint the
 * client will call, whose protocol picks the agent.
 */
function storageOptions(url: string, { tryTimeoutMs, maxTries }: StorageRequests) {
  const agent = tryTimeoutAgent(new URL(url).protocol, tryTimeoutMs);
  return {
    retryOptions: { maxTries, tryTimeoutInMs: tryTimeoutMs, retryDelayInMs: FIRST_RETRY_MS, maxRetryDelayInMs: MAX_RETRY_MS },
    agent,
  };
}

export function blobServiceOf(access: StorageAccess): BlobServiceClient {
  const requests = access.requests ?? DEFAULT_STORAGE_REQUESTS;
  if ('connectionString' in access) {
    const { url } = BlobServiceClient.fromConnectionString(access.connectionString);
    return BlobServiceClient.fromConnectionString(access.connectionString, storageOptions(url, requests));
  }
  const endpoint = url(access.accountName, 'blob');
  return new BlobServiceClient(endpoint, access.credential, storageOptions(endpoint, requests));
}

export function queueServiceOf(access: StorageAccess): QueueServiceClient {
  const requests = access.requests ?? DEFAULT_STORAGE_REQUESTS;
  if ('connectionString' in access) {
    const { url } = QueueServiceClient.fromConnectionString(access.connectionString);
    return QueueServiceClient.fromConnectionString(access.connectionString, storageOptions(url, requests));
  }
  const endpoint = url(access.accountName, 'queue');
  return new QueueServiceClient(endpoint, access.credential, storageOptions(endpoint, requests));
}

export function tableClientOf(access: StorageAccess, table: string): TableClient {
  const requests = access.requests ?? DEFAULT_STORAGE_REQUESTS;
  // The tables SDK counts retries, not tries.
  const options = (endpoint: string): TableServiceClientOptions => {
    const { retryOptions, agent } = storageOptions(endpoint, requests);
    const { retryDelayInMs, maxRetryDelayInMs } = retryOptions;
    return { retryOptions: { maxRetries: requests.maxTries - 1, retryDelayInMs, maxRetryDelayInMs }, agent };
  };
  if ('connectionString' in access) {
    // Azurite is plain http on loopback; Azure's endpoints are https.
    const { url } = TableClient.fromConnectionString(access.connectionString, table, { allowInsecureConnection: true });
    return TableClient.fromConnectionString(access.connectionString, table, { ...options(url), allowInsecureConnection: true });
  }
  const endpoint = url(access.accountName, 'table');
  return new TableClient(endpoint, table, access.credential, options(endpoint));
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
