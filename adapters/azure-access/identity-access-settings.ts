import { InvalidSettings } from '../../lib/settings/invalid-settings.js';
import type { ServiceBusSetting, StorageSetting } from './azure-access.js';

/** What a process reached as its own managed identity is told instead of a connection string (accessSchema's names). */
export interface IdentityAccessSettings {
  AzureWebJobsStorage__accountName: string;
  NEWSDESK_SERVICEBUS_NAMESPACE?: string;
}

const field = (connectionString: string, name: string): string | undefined =>
  new RegExp(`(?:^|;)\\s*${name}=([^;]+)`, 'i').exec(connectionString)?.[1]?.trim();

/**
 * The same storage account and Service Bus namespace by name, whether this process has them by connection string
 * (keys) or by name: the worker containers run as their own identity and must never be handed the key, which also
 * opens everything else in the account (the Durable task hub included).
 */
export function identityAccessSettings(
  storage: StorageSetting,
  serviceBus: ServiceBusSetting | undefined,
  settingsName: string,
): IdentityAccessSettings {
  const accountName = 'accountName' in storage ? storage.accountName : field(storage.connectionString, 'AccountName');
  if (!accountName)
    throw new InvalidSettings(settingsName, 'AzureWebJobsStorage names no AccountName, so the worker identity cannot be pointed at it');
  if (!serviceBus) return { AzureWebJobsStorage__accountName: accountName };
  const namespace =
    'namespace' in serviceBus ? serviceBus.namespace : field(serviceBus.connectionString, 'Endpoint')?.replace(/^sb:\/\/|\/+$/g, '');
  if (!namespace)
    throw new InvalidSettings(
      settingsName,
      'NEWSDESK_SERVICEBUS_CONNECTION names no Endpoint, so the worker identity cannot be pointed at it',
    );
  return { AzureWebJobsStorage__accountName: accountName, NEWSDESK_SERVICEBUS_NAMESPACE: namespace };
}
