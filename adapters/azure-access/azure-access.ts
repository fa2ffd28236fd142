import type { TokenCredential } from '@azure/identity';

/**
 * How a process reaches its Azure resources: with a connection string (Azurite locally, or keys),
 * or as a managed identity (Azure) — the Functions runtime's own convention,
 * `AzureWebJobsStorage__accountName`, and Service Bus's fully qualified namespace.
 */
export type StorageAccess = { connectionString: string } | { accountName: string; credential: TokenCredential };
export type ServiceBusAccess = { connectionString: string } | { namespace: string; credential: TokenCredential };

/** What a config module reads, before the entry point supplies the credential. */
export type StorageSetting = { connectionString: string } | { accountName: string };
export type ServiceBusSetting = { connectionString: string } | { namespace: string };

/** The credential is asked for only when the setting names an identity (npm start never makes one). */
export function storageAccess(setting: StorageSetting, credential: () => TokenCredential): StorageAccess {
  return 'connectionString' in setting ? setting : { accountName: setting.accountName, credential: credential() };
}

export function serviceBusAccess(setting: ServiceBusSetting, credential: () => TokenCredential): ServiceBusAccess {
  return 'connectionString' in setting ? setting : { namespace: setting.namespace, credential: credential() };
}
