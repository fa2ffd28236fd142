import { z } from 'zod';
import { InvalidSettings } from '../../lib/settings/invalid-settings.js';
import type { ServiceBusSetting, StorageSetting } from './azure-access.js';

/**
 * The settings naming how a process reaches Storage and Service Bus, shared by the function app's
 * and the worker's config modules: a connection string, or (Azure, no keys) the account name /
 * namespace, reached as the managed identity in AZURE_CLIENT_ID.
 */
export const accessSchema = z.object({
  AzureWebJobsStorage: z.string().min(1).optional(),
  AzureWebJobsStorage__accountName: z.string().min(1).optional(),
  NEWSDESK_SERVICEBUS_CONNECTION: z.string().min(1).optional(),
  /** e.g. `newsdesk.servicebus.windows.net` */
  NEWSDESK_SERVICEBUS_NAMESPACE: z.string().min(1).optional(),
});
type AccessEnv = z.infer<typeof accessSchema>;

export function storageSettingOf(e: AccessEnv, settingsName: string): StorageSetting {
  if (e.AzureWebJobsStorage) return { connectionString: e.AzureWebJobsStorage };
  if (e.AzureWebJobsStorage__accountName) return { accountName: e.AzureWebJobsStorage__accountName };
  throw new InvalidSettings(
    settingsName,
    'AzureWebJobsStorage (a storage connection string) or AzureWebJobsStorage__accountName (the account, reached as the managed identity) is required',
  );
}

/** Undefined: the work queue is the storage account's queue. */
export function serviceBusSettingOf(e: AccessEnv): ServiceBusSetting | undefined {
  if (e.NEWSDESK_SERVICEBUS_CONNECTION) return { connectionString: e.NEWSDESK_SERVICEBUS_CONNECTION };
  if (e.NEWSDESK_SERVICEBUS_NAMESPACE) return { namespace: e.NEWSDESK_SERVICEBUS_NAMESPACE };
  return undefined;
}
