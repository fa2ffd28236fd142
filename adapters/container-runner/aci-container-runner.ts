import { ContainerInstanceManagementClient, type ContainerInstanceManagementClientOptionalParams } from '@azure/arm-containerinstance';
import type { TokenCredential } from '@azure/identity';
import { aciContainerGroup, POOL_TAG, ROLE_TAG, type AciWorkerSpec } from './aci-container-group.js';
import { aciWorkerInstance } from './aci-worker-instance.js';
import { armRunnerError, isNotFound } from './arm-runner-error.js';
import { ContainerRunnerError } from './container-runner-error.js';
import { ContainerStartError } from './container-start-error.js';
import type { ContainerRunner, WorkerInstance } from './container-runner.js';

const ARM = 'https://management.azure.com';

export interface AciContainerRunnerOptions extends AciWorkerSpec {
  subscriptionId: string;
  resourceGroup: string;
  /** Groups are named `${namePrefix}-${n}` and tagged with it as their pool, e.g. 'newsdesk-worker'. */
  namePrefix: string;
  /** ARM's address: tests point it at the local double. Default https://management.azure.com. */
  endpoint?: string;
  /** The token's audience, ARM's whatever the endpoint (a sovereign cloud sets its own). */
  credentialScope?: string;
  /** SDK pipeline settings: `tlsOptions` (a test CA), `retryOptions`, `proxyOptions`… */
  clientOptions?: Omit<
    ContainerInstanceManagementClientOptionalParams,
    '$host' | 'endpoint' | 'baseUri' | 'credential' | 'credentialScopes'
  >;
  /** How often the SDK's LRO poller asks; default Retry-After, else 2 s. */
  pollIntervalMs?: number;
  /**
   * true (default): start() resolves once each group is provisioned (beginCreateOrUpdateAndWait). false: once ARM
   * accepted it, as 'starting' — GPU groups took 8–10 minutes, which would otherwise hold the autoscaler's tick.
   */
  waitForProvisioning?: boolean;
}

/** ACI's rule for container group names, less room for the `-<n>` suffix. */
const PREFIX = /^[a-z0-9](?:[a-z0-9-]{0,48}[a-z0-9])?$/;
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * ContainerRunner on Azure Container Instances: one container group per worker, in one resource group. Only ARM
 * calls through @azure/arm-containerinstance; the only polling is the SDK's own LRO poller.
 */
export class AciContainerRunner implements ContainerRunner {
  private readonly client: ContainerInstanceManagementClient;
  private readonly ours: RegExp;
  /** Never reuse a name in this process, not even one being deleted: ARM refuses a PUT on a group being deleted. */
  private nextIndex = 1;

  constructor(
    credential: TokenCredential,
    private readonly options: AciContainerRunnerOptions,
  ) {
    if (!PREFIX.test(options.namePrefix)) {
      throw new ContainerRunnerError(`namePrefix '${options.namePrefix}' must be 1–50 lowercase letters, digits or inner hyphens`, {
        code: 'InvalidNamePrefix',
      });
    }
    this.ours = new RegExp(`^${escape(options.namePrefix)}-(\\d+)$`);
    const endpoint = (options.endpoint ?? ARM).replace(/\/+$/, '');
    this.client = new ContainerInstanceManagementClient(credential, options.subscriptionId, {
      ...options.clientOptions,
      endpoint,
      $host: endpoint,
      credentialScopes: [options.credentialScope ?? `${ARM}/.default`],
    });
  }

  async list(): Promise<WorkerInstance[]> {
    const workers: WorkerInstance[] = [];
    try {
      // ACI's list takes no tag filter: read the resource group and keep this pool's groups.
      for await (const group of this.client.containerGroups.listByResourceGroup(this.options.resourceGroup)) {
        const mine = group.tags?.[ROLE_TAG] === 'worker' && group.tags[POOL_TAG] === this.options.namePrefix;
        if (mine && this.ours.test(group.name ?? '')) workers.push(aciWorkerInstance(group));
      }
    } catch (error) {
      throw armRunnerError(`list the container groups of ${this.options.resourceGroup}`, error);
    }
    return workers;
  }

  async start(count: number): Promise<WorkerInstance[]> {
    if (!Number.isInteger(count) || count < 0) throw new ContainerRunnerError(`Cannot start ${count} workers`, { code: 'InvalidCount' });
    if (count === 0) return [];
    const highest = Math.max(0, ...(await this.list()).map((w) => Number(this.ours.exec(w.id)?.[1] ?? 0)));
    // Names are fixed before any request: the SDK's retry of a PUT then updates the same group instead of adding one.
    const first = Math.max(this.nextIndex, highest + 1);
    this.nextIndex = first + count;
    const names = Array.from({ length: count }, (_, i) => `${this.options.namePrefix}-${first + i}`);
    const settled = await Promise.allSettled(names.map((name) => this.create(name)));
    const started = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [armRunnerError('create a container group', s.reason)] : []));
    if (failures.length > 0) throw new ContainerStartError(started, failures);
    return started;
  }

  async stop(id: string): Promise<void> {
    // Not a name this runner gives: nothing of ours to stop (and never someone else's group).
    if (!this.ours.test(id)) return;
    try {
      await this.client.containerGroups.beginDeleteAndWait(this.options.resourceGroup, id, {
        updateIntervalInMs: this.options.pollIntervalMs,
      });
    } catch (error) {
      if (isNotFound(error)) return;
      throw armRunnerError(`delete container group ${id}`, error);
    }
  }

  private async create(name: string): Promise<WorkerInstance> {
    const startedAt = new Date();
    const group = aciContainerGroup(this.options, name, this.options.namePrefix, startedAt);
    const { resourceGroup, pollIntervalMs } = this.options;
    const lro = { updateIntervalInMs: pollIntervalMs };
    try {
      if (this.options.waitForProvisioning === false) {
        await this.client.containerGroups.beginCreateOrUpdate(resourceGroup, name, group, lro);
        return { id: name, state: 'starting', startedAt };
      }
      return aciWorkerInstance(await this.client.containerGroups.beginCreateOrUpdateAndWait(resourceGroup, name, group, lro));
    } catch (error) {
      // A provisioning failure leaves a Failed group: that is a 'failed' worker (the scaler replaces it). A refused
      // request left nothing, and is the caller's error.
      const left = await this.client.containerGroups.get(resourceGroup, name).catch(() => undefined);
      if (left) return aciWorkerInstance(left);
      throw armRunnerError(`create container group ${name}`, error);
    }
  }
}
