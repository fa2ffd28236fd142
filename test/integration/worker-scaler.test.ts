import { afterAll, beforeAll, expect, it } from 'vitest';
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

const STORAGE = 'DefaultEndpointsProtocol=https;AccountName=newsdesk;AccountKey=a2V5;EndpointSuffix=core.windows.net';

it('starts worker container groups from the app settings when jobs wait, with the worker’s settings and secrets', async () => {
  const config = loadConfig({
    AzureWebJobsStorage: STORAGE,
    NEWSDESK_EVENTGRID_ENDPOINT: 'https://newsdesk.westeurope-1.eventgrid.azure.net/api/events',
    NEWSDESK_EVENTGRID_KEY: 'topic-key',
    NEWSDESK_JOB_TOKEN_KEY: 'job-token-key-for-config-tests-0123456789',
    NEWSDESK_ACI_SUBSCRIPTION_ID: '00000000-0000-0000-0000-0000000000a1',
    NEWSDESK_ACI_RESOURCE_GROUP: 'newsdesk-workers',
    NEWSDESK_ACI_LOCATION: 'westeurope',
    NEWSDESK_ACI_IMAGE: 'newsdeskacr.azurecr.io/newsdesk-worker:1.0.0',
    NEWSDESK_ACI_ARM_ENDPOINT: double.endpoint,
    NEWSDESK_WORKERS_MAX: '2',
    NEWSDESK_WORKERS_JOBS_PER_WORKER: '5',
    NEWSDESK_CLASSIFIER_ENDPOINT: 'https://newsdesk-vision.cognitiveservices.azure.com',
    NEWSDESK_CLASSIFIER_KEY: 'vision-key',
  });
  let backlog = 12;
  const scaler = createWorkerScaler(config.workerScaler!, {
    credential: { getToken: async () => ({ token: double.token, expiresOnTimestamp: Date.now() + 3_600_000 }) },
    queue: { depth: async () => backlog },
    clientOptions: { tlsOptions: { ca: double.ca }, retryOptions: { maxRetries: 0 } },
  });
  const decision = await scaler.tick();
  expect(decision.start).toBe(2);
  const puts = double.requests.filter((r) => r.method === 'PUT');
  expect(puts).toHaveLength(2);
  const container = (
    puts[0]!.body as {
      properties: {
        containers: { properties: { image: string; environmentVariables: { name: string; value?: string; secureValue?: string }[] } }[];
      };
    }
  ).properties.containers[0]!.properties;
  expect(container.image).toBe('newsdeskacr.azurecr.io/newsdesk-worker:1.0.0');
  const env = Object.fromEntries(container.environmentVariables.map((v) => [v.name, v]));
  expect(env.AzureWebJobsStorage).toEqual({ name: 'AzureWebJobsStorage', secureValue: STORAGE });
  expect(env.NEWSDESK_CLASSIFIER_KEY).toEqual({ name: 'NEWSDESK_CLASSIFIER_KEY', secureValue: 'vision-key' });
  expect(env.NEWSDESK_CLASSIFIER_ENDPOINT?.value).toBe('https://newsdesk-vision.cognitiveservices.azure.com');
  expect(env.NEWSDESK_WORK_QUEUE?.value).toBe('analysis-jobs');
  // The key that signs the jobs' tokens stays with the app.
  expect(env.NEWSDESK_JOB_TOKEN_KEY).toBeUndefined();

  backlog = 0;
  await scaler.stop();
});

it('refuses half an ACI configuration, naming what is missing', () => {
  expect(() =>
    loadConfig({
      AzureWebJobsStorage: STORAGE,
      NEWSDESK_EVENTGRID_ENDPOINT: 'https://t.example/api/events',
      NEWSDESK_EVENTGRID_KEY: 'k',
      NEWSDESK_JOB_TOKEN_KEY: 'job-token-key-for-config-tests-0123456789',
      NEWSDESK_ACI_SUBSCRIPTION_ID: 'sub',
    }),
  ).toThrow(/NEWSDESK_ACI_RESOURCE_GROUP, NEWSDESK_ACI_LOCATION, NEWSDESK_ACI_IMAGE must be too/);
});
