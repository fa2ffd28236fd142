import { z } from 'zod';
import { durationSetting } from '../../lib/settings/duration-setting.js';
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
  /** One storage request (blob, queue, table) is abandoned after this long, and tried again up to the tries below. */
  NEWSDESK_STORAGE_TRY_TIMEOUT: durationSetting('PT30S'),
  NEWSDESK_STORAGE_MAX_TRIES: z.coerce.number().int().min(1).max(10).default(3),
});
/** Partial: a caller may name the account alone, and storage-clients.ts's defaults (the same) then apply. */
type AccessEnv = Partial<z.infer<typeof accessSchema>>;

export function storageSettingOf(e: AccessEnv, settingsName: string): StorageSetting {
  const requests =
    e.NEWSDESK_STORAGE_TRY_TIMEOUT !== undefined && e.NEWSDESK_STORAGE_MAX_TRIES !== undefined
      ? { requests: { tryTimeoutMs: e.NEWSDESK_STORAGE_TRY_TIMEOUT, maxTries: e.NEWSDESK_STORAGE_MAX_TRIES } }
      : {};
  if (e.AzureWebJobsStorage) return { connectionString: e.AzureWebJobsStorage, ...requests };
  if (e.AzureWebJobsStorage__accountName) return { accountName: e.AzureWebJobsStorage__accountName, ...requests };
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
