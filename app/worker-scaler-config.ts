import { identityAccessSettings } from '../adapters/azure-access/identity-access-settings.js';
import { serviceBusSettingOf, storageSettingOf } from '../adapters/azure-access/access-settings.js';
import { InvalidSettings } from '../lib/settings/invalid-settings.js';
import type { AppSettings } from './config.js';

export interface WorkerScalerConfig {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  namePrefix: string;
  image: string;
  /** The workers' own user-assigned identity: the container groups run as it and pull their image with it. */
  identity: { id: string; clientId: string };
  registry?: { server: string; managedIdentityId: string };
  cpu: number;
  memoryInGB: number;
  gpu?: { count: number; sku: 'V100' | 'K80' | 'P100' };
  armEndpoint?: string;
  policy: { min: number; max: number; jobsPerWorker: number; idleSeconds: number };
  /** The worker container's settings: plain ones, and secrets ARM never returns. */
  environment: Record<string, string>;
  secureEnvironment: Record<string, string>;
}

const REQUIRED = [
  'NEWSDESK_ACI_RESOURCE_GROUP',
  'NEWSDESK_ACI_LOCATION',
  'NEWSDESK_ACI_IMAGE',
  'NEWSDESK_ACI_WORKER_IDENTITY_ID',
  'NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID',
] as const;

const defined = (r: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Record<string, string>;

/**
 * The worker scaler's settings (app/config.ts validated them), or undefined where no subscription is set. The worker
 * containers run as their own identity (infra/azure/modules/worker-roles.bicep grants it the originals, the results,
 * the work queue and the heartbeats): they get the storage account and the Service Bus namespace by name, never a
 * connection string, and never the app's identity, keys or the job token key (docs/security.md).
 */
export function workerScalerConfigOf(e: AppSettings, label: string): WorkerScalerConfig | undefined {
  if (!e.NEWSDESK_ACI_SUBSCRIPTION_ID) return undefined;
  const missing = REQUIRED.filter((k) => !e[k]);
  if (missing.length > 0) throw new InvalidSettings(label, `NEWSDESK_ACI_SUBSCRIPTION_ID is set, so ${missing.join(', ')} must be too`);
  const identity = { id: e.NEWSDESK_ACI_WORKER_IDENTITY_ID!, clientId: e.NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID! };
  const secure: Record<string, string | undefined> = {
    NEWSDESK_CLASSIFIER_KEY: e.NEWSDESK_CLASSIFIER_KEY,
    // Workers report to the same Application Insights resource, so one submission is one trace.
    APPLICATIONINSIGHTS_CONNECTION_STRING: e.APPLICATIONINSIGHTS_CONNECTION_STRING,
  };
  const plain: Record<string, string | undefined> = {
    ...identityAccessSettings(storageSettingOf(e, label), serviceBusSettingOf(e), label),
    // DefaultAzureCredential in the container picks the workers' identity by this, not the app's.
    AZURE_CLIENT_ID: identity.clientId,
    NEWSDESK_WORK_QUEUE: e.NEWSDESK_WORK_QUEUE,
    NEWSDESK_CLASSIFIER_ENDPOINT: e.NEWSDESK_CLASSIFIER_ENDPOINT,
  };
  return {
    subscriptionId: e.NEWSDESK_ACI_SUBSCRIPTION_ID,
    resourceGroup: e.NEWSDESK_ACI_RESOURCE_GROUP!,
    location: e.NEWSDESK_ACI_LOCATION!,
    namePrefix: e.NEWSDESK_ACI_NAME_PREFIX,
    image: e.NEWSDESK_ACI_IMAGE!,
    identity,
    registry: e.NEWSDESK_ACI_REGISTRY_SERVER ? { server: e.NEWSDESK_ACI_REGISTRY_SERVER, managedIdentityId: identity.id } : undefined,
    cpu: e.NEWSDESK_ACI_CPU,
    memoryInGB: e.NEWSDESK_ACI_MEMORY_GB,
    gpu: e.NEWSDESK_ACI_GPU_SKU ? { sku: e.NEWSDESK_ACI_GPU_SKU, count: e.NEWSDESK_ACI_GPU_COUNT } : undefined,
    armEndpoint: e.NEWSDESK_ACI_ARM_ENDPOINT,
    policy: {
      min: e.NEWSDESK_WORKERS_MIN,
      max: e.NEWSDESK_WORKERS_MAX,
      jobsPerWorker: e.NEWSDESK_WORKERS_JOBS_PER_WORKER,
      idleSeconds: e.NEWSDESK_WORKERS_IDLE_SECONDS,
    },
    environment: defined(plain),
    secureEnvironment: defined(secure),
  };
}
