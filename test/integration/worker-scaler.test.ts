import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { createWorkerScaler } from '../../app/worker-scaler.js';
import { startArmDouble, type ArmDouble } from '../support/arm-double/arm-double.js';

// The function app's scaler as app/index.ts wires it from its settings, against the ARM double through the real SDK.
let double: ArmDouble;
beforeAll(async () => {
  double = await startArmDouble({ provisioningMs: 20, deletionMs: 10 });
});
afterAll(async () => {
  await double?.stop();
});

const SUBSCRIPTION = '00000000-0000-0000-0000-0000000000a1';
const identityId = (name: string) =>
  `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-newsdesk/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${name}`;
const WORKER_IDENTITY = identityId('id-newsdesk-worker');
const WORKER_CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const APP_CLIENT_ID = '99999999-8888-7777-6666-555555555555';

/** What the function app holds and its workers must not: the storage and Service Bus keys, the app's keys and identity. */
const secrets = {
  storageKey: 'c3RvcmFnZS1hY2NvdW50LWtleS1uZXZlci1mb3Itd29ya2Vycw==',
  serviceBusKey: 'c2VydmljZS1idXMta2V5LW5ldmVyLWZvci13b3JrZXJz',
  jobTokenKey: 'job-token-key-that-only-the-function-app-holds-0123456789',
  adminKey: 'master-key-of-the-host-never-for-workers',
  eventGridKey: 'event-grid-topic-key-never-for-workers',
  mailboxKey: 'mailbox-api-key-never-for-workers',
};
const STORAGE = `DefaultEndpointsProtocol=https;AccountName=newsdeskmedia;AccountKey=${secrets.storageKey};EndpointSuffix=core.windows.net`;
const SERVICE_BUS = `Endpoint=sb://newsdesk-jobs.servicebus.windows.net/;SharedAccessKeyName=app;SharedAccessKey=${secrets.serviceBusKey}`;

const common = {
  NEWSDESK_EVENTGRID_ENDPOINT: 'https://newsdesk.westeurope-1.eventgrid.azure.net/api/events',
  NEWSDESK_JOB_TOKEN_KEY: secrets.jobTokenKey,
  NEWSDESK_ADMIN_KEY: secrets.adminKey,
  NEWSDESK_MAILBOX_API_KEY: secrets.mailboxKey,
  AZURE_CLIENT_ID: APP_CLIENT_ID,
  NEWSDESK_ACI_SUBSCRIPTION_ID: SUBSCRIPTION,
  NEWSDESK_ACI_RESOURCE_GROUP: 'newsdesk-workers',
  NEWSDESK_ACI_LOCATION: 'westeurope',
  NEWSDESK_ACI_IMAGE: 'newsdeskacr.azurecr.io/newsdesk-worker:1.0.0',
  NEWSDESK_ACI_REGISTRY_SERVER: 'newsdeskacr.azurecr.io',
  NEWSDESK_ACI_WORKER_IDENTITY_ID: WORKER_IDENTITY,
  NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID: WORKER_CLIENT_ID,
  NEWSDESK_WORKERS_MAX: '2',
  NEWSDESK_WORKERS_JOBS_PER_WORKER: '5',
  NEWSDESK_CLASSIFIER_ENDPOINT: 'https://newsdesk-vision.cognitiveservices.azure.com',
  NEWSDESK_CLASSIFIER_KEY: 'vision-key',
};

type Variable = { name: string; value?: string; secureValue?: string };
type GroupBody = {
  identity?: { type: string; userAssignedIdentities: Record<string, unknown> };
  properties: {
    imageRegistryCredentials?: unknown[];
    containers: { properties: { image: string; environmentVariables: Variable[] } }[];
  };
};

describe.each([
  {
    access: 'with keys (a storage connection string, a Service Bus connection string)',
    // Each case its own resource group: the first case's groups are still there.
    settings: {
      NEWSDESK_ACI_RESOURCE_GROUP: 'workers-keyed',
      AzureWebJobsStorage: STORAGE,
      NEWSDESK_SERVICEBUS_CONNECTION: SERVICE_BUS,
      NEWSDESK_EVENTGRID_KEY: secrets.eventGridKey,
    },
  },
  {
    access: 'with identityOnly (account and namespace by name)',
    settings: {
      NEWSDESK_ACI_RESOURCE_GROUP: 'workers-identity',
      AzureWebJobsStorage__accountName: 'newsdeskmedia',
      NEWSDESK_SERVICEBUS_NAMESPACE: 'newsdesk-jobs.servicebus.windows.net',
    },
  },
])('the worker scaler, $access', ({ settings }) => {
  it('starts container groups that run as the workers’ own identity, with no connection string, master key or job token key', async () => {
    double.requests.length = 0;
    const config = loadConfig({ ...common, ...settings, NEWSDESK_ACI_ARM_ENDPOINT: double.endpoint });
    const scaler = createWorkerScaler(config.workerScaler!, {
      credential: { getToken: async () => ({ token: double.token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
      queue: { depth: async () => 12 },
      clientOptions: { tlsOptions: { ca: double.ca }, retryOptions: { maxRetries: 0 } },
    });
    const decision = await scaler.tick();
    expect(decision.start).toBe(2);
    const puts = double.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    for (const put of puts) {
      const body = put.body as GroupBody;
      // Runs as, and pulls with, the workers' identity alone: not the app's, which reads Key Vault and the task hub.
      expect(body.identity).toEqual({ type: 'UserAssigned', userAssignedIdentities: { [WORKER_IDENTITY]: {} } });
      expect(body.properties.imageRegistryCredentials).toEqual([{ server: 'newsdeskacr.azurecr.io', identity: WORKER_IDENTITY }]);
      const container = body.properties.containers[0]!.properties;
      expect(container.image).toBe('newsdeskacr.azurecr.io/newsdesk-worker:1.0.0');
      const env = Object.fromEntries(container.environmentVariables.map((v) => [v.name, v]));
      expect(env.AZURE_CLIENT_ID).toEqual({ name: 'AZURE_CLIENT_ID', value: WORKER_CLIENT_ID });
      expect(env.AzureWebJobsStorage__accountName?.value).toBe('newsdeskmedia');
      expect(env.NEWSDESK_SERVICEBUS_NAMESPACE?.value).toBe('newsdesk-jobs.servicebus.windows.net');
      expect(env.NEWSDESK_CLASSIFIER_KEY).toEqual({ name: 'NEWSDESK_CLASSIFIER_KEY', secureValue: 'vision-key' });
      expect(env.NEWSDESK_WORK_QUEUE?.value).toBe('analysis-jobs');
      for (const name of [
        'AzureWebJobsStorage',
        'NEWSDESK_SERVICEBUS_CONNECTION',
        'NEWSDESK_JOB_TOKEN_KEY',
        'NEWSDESK_ADMIN_KEY',
        'NEWSDESK_EVENTGRID_KEY',
        'NEWSDESK_MAILBOX_API_KEY',
      ])
        expect(env[name], name).toBeUndefined();
      // Nor under another name: nothing the app holds appears anywhere in what ARM is sent.
      const sent = JSON.stringify(body);
      for (const [what, value] of Object.entries({ ...secrets, appClientId: APP_CLIENT_ID })) expect(sent, what).not.toContain(value);
      expect(sent).not.toMatch(/AccountKey=|SharedAccessKey=/);
    }
    await scaler.stop();
  });
});

it('refuses half an ACI configuration, naming what is missing, the workers’ identity included', () => {
  expect(() =>
    loadConfig({
      AzureWebJobsStorage: STORAGE,
      NEWSDESK_EVENTGRID_ENDPOINT: 'https://t.example/api/events',
      NEWSDESK_EVENTGRID_KEY: 'k',
      NEWSDESK_JOB_TOKEN_KEY: secrets.jobTokenKey,
      NEWSDESK_ACI_SUBSCRIPTION_ID: 'sub',
    }),
  ).toThrow(
    /NEWSDESK_ACI_RESOURCE_GROUP, NEWSDESK_ACI_LOCATION, NEWSDESK_ACI_IMAGE, NEWSDESK_ACI_WORKER_IDENTITY_ID, NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID must be too/,
  );
});

it('refuses a storage connection string that names no account: the workers could not be pointed at it', () => {
  expect(() => loadConfig({ ...common, AzureWebJobsStorage: 'UseDevelopmentStorage=true', NEWSDESK_EVENTGRID_KEY: 'k' })).toThrow(
    /AzureWebJobsStorage names no AccountName/,
  );
});
