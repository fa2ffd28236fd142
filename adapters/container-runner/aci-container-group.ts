import type { ContainerGroup, EnvironmentVariable, ImageRegistryCredential } from '@azure/arm-containerinstance';

/**
 * ACI's GPU SKUs as the 2023-05-01 API (and SDK 9.1.0's KnownGpuSku) lists them. NOTE: GPU container groups on
 * Azure Container Instances are retired (Microsoft Learn, "Deploy container instances that use GPU resources":
 * "retired as of July 14, 2025"; before that the page listed only V100, counts 1, 2 or 4, CUDA up to 11, Linux only,
 * no VNet, 8–10 minutes to provision). The API still takes the shape below, which is why the adapter keeps it, but a
 * new deployment should expect ARM to refuse GPU requests and plan on Azure Container Apps serverless GPUs (or
 * CPU-only ACI workers, `gpu` left out) instead.
 */
export type AciGpuSku = 'V100' | 'K80' | 'P100';

/** How to pull a private image: a registry user/password, or a user-assigned managed identity with AcrPull. */
export type AciRegistryCredentials = { server: string; username: string; password: string } | { server: string; managedIdentityId: string };

/** What each worker container group looks like. */
export interface AciWorkerSpec {
  location: string;
  image: string;
  registry?: AciRegistryCredentials;
  /**
   * Resource id of the user-assigned identity the group runs as (what `DefaultAzureCredential` in the container gets,
   * with `AZURE_CLIENT_ID` set to its client id). A registry identity is assigned too, to pull with.
   */
  identityId?: string;
  cpu: number;
  memoryInGB: number;
  gpu?: { count: number; sku: AciGpuSku };
  /** Plain settings: ARM shows them to anyone who can read the group. */
  environment?: Record<string, string>;
  /** Secrets (connection strings, keys): sent as `secureValue`, which ARM never returns. */
  secureEnvironment?: Record<string, string>;
}

/** Tags the adapter puts on every group it creates, and finds its own groups by. */
export const ROLE_TAG = 'newsdesk-role';
export const POOL_TAG = 'newsdesk-pool';
export const STARTED_TAG = 'newsdesk-started-at';
/** The container's name inside each group; there is one container per group. */
export const WORKER_CONTAINER = 'worker';

const variables = (env: Record<string, string> | undefined, key: 'value' | 'secureValue'): EnvironmentVariable[] =>
  Object.entries(env ?? {}).map(([name, value]) => ({ name, [key]: value }));

/** The ARM body for one worker: one container, restarted Always because a worker drains a queue and never "finishes". */
export function aciContainerGroup(spec: AciWorkerSpec, name: string, pool: string, startedAt: Date): ContainerGroup {
  const registry = spec.registry;
  const pullIdentity = registry && 'managedIdentityId' in registry ? registry.managedIdentityId : undefined;
  const identities = [...new Set([spec.identityId, pullIdentity].filter((id): id is string => id !== undefined))];
  const credentials: ImageRegistryCredential[] | undefined = registry && [
    'managedIdentityId' in registry
      ? { server: registry.server, identity: registry.managedIdentityId }
      : { server: registry.server, username: registry.username, password: registry.password },
  ];
  return {
    location: spec.location,
    tags: { [ROLE_TAG]: 'worker', [POOL_TAG]: pool, [STARTED_TAG]: startedAt.toISOString() },
    ...(identities.length > 0
      ? { identity: { type: 'UserAssigned', userAssignedIdentities: Object.fromEntries(identities.map((id) => [id, {}])) } }
      : {}),
    osType: 'Linux',
    restartPolicy: 'Always',
    ...(credentials ? { imageRegistryCredentials: credentials } : {}),
    containers: [
      {
        name: WORKER_CONTAINER,
        image: spec.image,
        resources: { requests: { cpu: spec.cpu, memoryInGB: spec.memoryInGB, ...(spec.gpu ? { gpu: { ...spec.gpu } } : {}) } },
        environmentVariables: [
          // The worker's own name, for its logs and the events it raises.
          { name: 'NEWSDESK_WORKER_ID', value: name },
          ...variables(spec.environment, 'value'),
          ...variables(spec.secureEnvironment, 'secureValue'),
        ],
      },
    ],
  };
}
