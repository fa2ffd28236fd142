import type { TokenCredential } from '@azure/identity';
import { describe, expect, it } from 'vitest';
import { serviceBusSettingOf, storageSettingOf } from './access-settings.js';
import { serviceBusAccess, storageAccess } from './azure-access.js';
import { blobServiceOf, queueServiceOf, tableClientOf } from './storage-clients.js';

const identity: TokenCredential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 60_000 }) };

describe('how a process reaches Storage and Service Bus', () => {
  it('prefers a connection string, else the account reached as the managed identity', () => {
    expect(storageSettingOf({ AzureWebJobsStorage: 'UseDevelopmentStorage=true', AzureWebJobsStorage__accountName: 'nd' }, 'x')).toEqual({
      connectionString: 'UseDevelopmentStorage=true',
    });
    expect(storageSettingOf({ AzureWebJobsStorage__accountName: 'newsdeskmedia' }, 'x')).toEqual({ accountName: 'newsdeskmedia' });
  });

  it('names both settings when neither is there', () => {
    expect(() => storageSettingOf({}, 'worker settings')).toThrow(
      /^Invalid worker settings — AzureWebJobsStorage .* or AzureWebJobsStorage__accountName .* is required$/,
    );
  });

  it('uses Service Bus only when a connection or a namespace is set', () => {
    expect(serviceBusSettingOf({})).toBeUndefined();
    expect(serviceBusSettingOf({ NEWSDESK_SERVICEBUS_NAMESPACE: 'nd.servicebus.windows.net' })).toEqual({
      namespace: 'nd.servicebus.windows.net',
    });
  });

  it('asks for the credential only when a setting names an identity', () => {
    let asked = 0;
    const credential = () => (asked++, identity);
    storageAccess({ connectionString: 'UseDevelopmentStorage=true' }, credential);
    serviceBusAccess({ connectionString: 'Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=a2V5' }, credential);
    expect(asked).toBe(0);
    expect(storageAccess({ accountName: 'nd' }, credential)).toEqual({ accountName: 'nd', credential: identity });
    expect(asked).toBe(1);
  });

  it('points identity clients at the account’s public endpoints', () => {
    const access = { accountName: 'newsdeskmedia', credential: identity };
    expect(blobServiceOf(access).url).toBe('https://newsdeskmedia.blob.core.windows.net/');
    expect(queueServiceOf(access).url).toBe('https://newsdeskmedia.queue.core.windows.net');
    expect(tableClientOf(access, 'submissions').url).toBe('https://newsdeskmedia.table.core.windows.net');
  });
});
