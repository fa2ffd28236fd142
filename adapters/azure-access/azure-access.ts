import type { TokenCredential } from '@azure/identity';

/**
 * How a process reaches its Azure resources: with a connection string (Azurite locally, or keys),
 * or as a managed identity (Azure) — the Functions runtime's own convention,
 * `AzureWebJobsStorage__accountName`, and Service Bus's fully qualified namespace.
 */
export type StorageAccess = ({ connectionString: string } | { accountName: string; credential: TokenCredential }) & StorageRequestsOption;
export type ServiceBusAccess = { connectionString: string } | { namespace: string; credential: TokenCredential };

/** What a config module reads, before the entry point supplies the credential. */
export type StorageSetting = ({ connectionString: string } | { accountName: string }) & StorageRequestsOption;

/**
 * How long one storage request may take before it is abandoned and tried again, and how many tries it gets: reachable
 * storage that hangs (an overloaded account, a half-open connection) fails a call instead of holding it for ever, and
 * an unreachable one fails it within seconds, for the caller's own retry (the orchestration's durable timers, the
 * worker's queue, the client's Retry-After) to take over.
 */
export interface StorageRequests {
  tryTimeoutMs: number;
  maxTries: number;
}
/** Absent: storage-clients.ts's defaults, the same as the settings'. */
type StorageRequestsOption = { requests?: StorageRequests };
export type ServiceBusSetting = { connectionString: string } | { namespace: string };

/** The credential is asked for only when the setting names an identity (npm start never makes one). */
export function storageAccess(setting: StorageSetting, credential: () => TokenCredential): StorageAccess {
  if ('connectionString' in setting) return setting;
  return { accountName: setting.accountName, ...(setting.requests && { requests: setting.requests }), credential: credential() };
}

export function serviceBusAccess(setting: ServiceBusSetting, credential: () => TokenCredential): ServiceBusAccess {
  return 'connectionString' in setting ? setting : { namespace: setting.namespace, credential: credential() };
}
