import { ContainerInstanceManagementClient } from '@azure/arm-containerinstance';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AciContainerRunner, type AciContainerRunnerOptions } from '../../adapters/container-runner/aci-container-runner.js';
import type { AciGpuSku } from '../../adapters/container-runner/aci-container-group.js';
import { containerRunnerContract } from '../../adapters/container-runner/container-runner.contract.js';
import { startAutoscaler, type AutoscalerOptions, type ScalingLog } from '../../workers/scaling/autoscaler.js';
import { startArmDouble, type ArmDouble } from '../support/arm-double/arm-double.js';

// The real @azure/arm-containerinstance SDK, over HTTPS, against the local ARM double (there is no ACI emulator).
const SUBSCRIPTION = '00000000-0000-0000-0000-00000000d0b1';
const PULL_IDENTITY = `/subscriptions/${SUBSCRIPTION}/resourceGroups/newsdesk/providers/Microsoft.ManagedIdentity/userAssignedIdentities/worker-pull`;
const CONNECTION = 'Endpoint=sb://newsdesk.servicebus.windows.net/;SharedAccessKeyName=worker;SharedAccessKey=c2VjcmV0LWtleQ==';

let double: ArmDouble;
beforeAll(async () => {
  // Two groups a page, so that every list follows ARM's nextLink.
  double = await startArmDouble({ pageSize: 2, provisioningMs: 40, deletionMs: 20 });
});
afterAll(async () => {
  await double?.stop();
});

/** A fixed token, as a managed identity would hand out; `scopes` collects the audiences it was asked for. */
const credential = (token: string, scopes: string[] = []): TokenCredential => ({
  async getToken(asked): Promise<AccessToken> {
    scopes.push(...[asked].flat());
    return { token, expiresOnTimestamp: Date.now() + 3_600_000 };
  },
});

let groups = 0;
function options(overrides: Partial<AciContainerRunnerOptions> = {}): AciContainerRunnerOptions {
  return {
    subscriptionId: SUBSCRIPTION,
    resourceGroup: `newsdesk-${++groups}`,
    location: 'westeurope',
    namePrefix: 'newsdesk-worker',
    image: 'newsdeskacr.azurecr.io/newsdesk-worker:1.4.0',
    registry: { server: 'newsdeskacr.azurecr.io', managedIdentityId: PULL_IDENTITY },
    cpu: 4,
    memoryInGB: 16,
    gpu: { count: 1, sku: 'V100' },
    environment: { NEWSDESK_QUEUE: 'analysis-jobs' },
    secureEnvironment: { SERVICEBUS_CONNECTION: CONNECTION },
    endpoint: double.endpoint,
    // The double's test-only certificate as the one trusted CA, through the SDK's own TLS option.
    clientOptions: { tlsOptions: { ca: double.ca }, retryOptions: { maxRetries: 0 } },
    pollIntervalMs: 10,
    ...overrides,
  };
}
const runner = (overrides: Partial<AciContainerRunnerOptions> = {}, token = double.token) =>
  new AciContainerRunner(credential(token), options(overrides));
/** A plain SDK client on the double, to read what ARM would show anyone with Reader rights. */
const reader = () =>
  new ContainerInstanceManagementClient(credential(double.token), SUBSCRIPTION, {
    endpoint: double.endpoint,
    $host: double.endpoint,
    tlsOptions: { ca: double.ca },
  });
const silent: ScalingLog = { info() {}, warn() {}, error() {} };
/** The autoscaler over `aci` at the queue depth `depth()` gives, logging nothing; it ticks only when told to unless `more` says. */
const autoscaler = (
  aci: AciContainerRunner,
  depth: () => number,
  policy: AutoscalerOptions['policy'],
  more: Partial<AutoscalerOptions> = {},
) => startAutoscaler({ queue: { depth: async () => depth() }, runner: aci, policy, intervalMs: 0, log: silent, ...more });

containerRunnerContract('AciContainerRunner on the ARM double', async () => runner());
containerRunnerContract('AciContainerRunner on the ARM double, not waiting for provisioning', async () =>
  runner({ waitForProvisioning: false }),
);

describe('AciContainerRunner on the ARM double: what it asks ARM for', () => {
  it('PUTs one GPU container group per worker: image, resources, env (secrets as secureValue), tags, restart Always, pull identity', async () => {
    const settings = options();
    const scopes: string[] = [];
    const aci = new AciContainerRunner(credential(double.token, scopes), settings);
    const [worker] = await aci.start(1);
    expect(worker).toMatchObject({ id: 'newsdesk-worker-1', state: 'running' });
    const path = `/subscriptions/${SUBSCRIPTION}/resourceGroups/${settings.resourceGroup}/providers/Microsoft.ContainerInstance/containerGroups/${worker!.id}`;
    const put = double.requests.find((r) => r.method === 'PUT' && r.path === path);
    expect(put).toMatchObject({ apiVersion: '2023-05-01', status: 201 });
    expect(put!.body).toMatchObject({
      location: 'westeurope',
      tags: { 'newsdesk-role': 'worker', 'newsdesk-pool': 'newsdesk-worker', 'newsdesk-started-at': worker!.startedAt.toISOString() },
      identity: { type: 'UserAssigned', userAssignedIdentities: { [PULL_IDENTITY]: {} } },
      properties: {
        osType: 'Linux',
        restartPolicy: 'Always',
        imageRegistryCredentials: [{ server: 'newsdeskacr.azurecr.io', identity: PULL_IDENTITY }],
        containers: [
          {
            name: 'worker',
            properties: {
              image: 'newsdeskacr.azurecr.io/newsdesk-worker:1.4.0',
              resources: { requests: { cpu: 4, memoryInGB: 16, gpu: { count: 1, sku: 'V100' } } },
              environmentVariables: [
                { name: 'NEWSDESK_WORKER_ID', value: 'newsdesk-worker-1' },
                { name: 'NEWSDESK_QUEUE', value: 'analysis-jobs' },
                { name: 'SERVICEBUS_CONNECTION', secureValue: CONNECTION },
              ],
            },
          },
        ],
      },
    });
    // The SDK's own poller followed Azure-AsyncOperation through InProgress to Succeeded.
    const polls = double.requests.filter((r) => r.path.includes('/operations/')).map((r) => r.operationStatus);
    expect(polls).toContain('InProgress');
    expect(polls).toContain('Succeeded');
    // ARM's audience, though the requests went to the double.
    expect(new Set(scopes)).toEqual(new Set(['https://management.azure.com/.default']));
  });

  it('never gets secrets back: secure variables and registry passwords are absent from GET and list', async () => {
    const resourceGroup = `newsdesk-secrets-${groups}`;
    const registry = { server: 'registry.example.org', username: 'puller', password: 'registry-password' };
    const aci = runner({ resourceGroup, registry });
    const [worker] = await aci.start(1);
    const client = reader();
    const one = await client.containerGroups.get(resourceGroup, worker!.id);
    const listed = [];
    for await (const group of client.containerGroups.listByResourceGroup(resourceGroup)) listed.push(group);
    for (const text of [JSON.stringify(one), JSON.stringify(listed)]) {
      expect(text).toContain('SERVICEBUS_CONNECTION');
      expect(text).not.toContain('SharedAccessKey');
      expect(text).not.toContain('registry-password');
    }
    expect(one.containers[0]!.environmentVariables).toContainEqual({ name: 'SERVICEBUS_CONNECTION' });
    await aci.stop(worker!.id);
  });

  it('lists only its own pool, following nextLink across pages', async () => {
    const resourceGroup = `newsdesk-pools-${groups}`;
    const ours = runner({ resourceGroup });
    const theirs = runner({ resourceGroup, namePrefix: 'other-worker' });
    await Promise.all([ours.start(3), theirs.start(2)]);
    expect((await ours.list()).map((w) => w.id).sort()).toEqual(['newsdesk-worker-1', 'newsdesk-worker-2', 'newsdesk-worker-3']);
    expect(
      double.requests.some(
        (r) =>
          r.path.endsWith(`/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerInstance/containerGroups`) &&
          r.query.includes('$skipToken'),
      ),
    ).toBe(true);
    // Not a name this runner gives: nothing is deleted.
    const before = double.requests.length;
    await ours.stop('other-worker-1');
    expect(double.requests.slice(before).filter((r) => r.method === 'DELETE')).toEqual([]);
    expect(await theirs.list()).toHaveLength(2);
  });

  it('treats a 404 on DELETE as already stopped', async () => {
    const aci = runner();
    double.missingDeleteStatus = 404;
    try {
      await expect(aci.stop('newsdesk-worker-99')).resolves.toBeUndefined();
      expect(double.requests.at(-1)).toMatchObject({ method: 'DELETE', status: 404 });
    } finally {
      double.missingDeleteStatus = 204;
    }
  });
});

describe('AciContainerRunner on the ARM double: when ARM says no', () => {
  it('rejects with 401 InvalidAuthenticationToken when the token is wrong', async () => {
    const aci = runner({}, 'not-the-token');
    await expect(aci.list()).rejects.toMatchObject({ name: 'ContainerRunnerError', statusCode: 401, code: 'InvalidAuthenticationToken' });
    await expect(aci.start(1)).rejects.toMatchObject({ statusCode: 401 });
    expect(double.requests.at(-1)).toMatchObject({ status: 401 });
  });

  it('rejects a GPU SKU ACI does not know with the 400, and leaves nothing behind', async () => {
    const aci = runner({ gpu: { count: 1, sku: 'A100' as AciGpuSku } });
    const failure = aci.start(1);
    await expect(failure).rejects.toMatchObject({ name: 'ContainerStartError', statusCode: 400, code: 'UnsupportedGpuSku', started: [] });
    await expect(failure).rejects.toThrow(/A100/);
    expect(await aci.list()).toEqual([]);
  });

  it('reports a group whose provisioning failed as a failed worker, and the autoscaler replaces it', async () => {
    const aci = runner();
    double.failNextCreate();
    const [broken] = await aci.start(1);
    expect(broken).toMatchObject({ id: 'newsdesk-worker-1', state: 'failed' });
    expect(await aci.list()).toEqual([expect.objectContaining({ id: 'newsdesk-worker-1', state: 'failed' })]);

    const scaler = autoscaler(aci, () => 5, { min: 0, max: 2, jobsPerWorker: 10, idleSeconds: 60 });
    expect(await scaler.tick()).toMatchObject({ start: 1, stop: ['newsdesk-worker-1'] });
    expect(await aci.list()).toEqual([expect.objectContaining({ id: 'newsdesk-worker-2', state: 'running' })]);
    await scaler.stop();
  });
});

describe('the autoscaler driving AciContainerRunner on the ARM double', () => {
  it('scales out on backlog up to max, then back down to min once the queue has been idle long enough', async () => {
    const resourceGroup = `newsdesk-scaled-${groups}`;
    const aci = runner({ resourceGroup });
    const inGroup = () => double.groups().filter((g) => g.resourceGroup === resourceGroup);
    let depth = 0;
    let now = Date.parse('2026-03-01T12:00:00Z');
    const scaler = autoscaler(aci, () => depth, { min: 1, max: 2, jobsPerWorker: 10, idleSeconds: 60 }, { clock: () => new Date(now) });
    try {
      expect(await scaler.tick()).toMatchObject({ start: 1, desired: 1 });
      depth = 25;
      expect(await scaler.tick()).toMatchObject({ start: 1, desired: 2, reason: expect.stringContaining('capped at max 2') });
      expect(inGroup().map((g) => [g.name, g.provisioningState])).toEqual([
        ['newsdesk-worker-1', 'Succeeded'],
        ['newsdesk-worker-2', 'Succeeded'],
      ]);
      expect(await scaler.tick()).toMatchObject({ start: 0, stop: [] });

      depth = 0;
      now += 30_000;
      expect(await scaler.tick()).toMatchObject({ start: 0, stop: [] });
      now += 31_000;
      expect(await scaler.tick()).toMatchObject({ stop: ['newsdesk-worker-2'], desired: 1 });
      expect(inGroup().map((g) => g.name)).toEqual(['newsdesk-worker-1']);
    } finally {
      await scaler.stop();
    }
  });

  it('does the same on its own timer', async () => {
    const resourceGroup = `newsdesk-timed-${groups}`;
    const aci = runner({ resourceGroup });
    let depth = 25;
    const scaler = autoscaler(aci, () => depth, { min: 0, max: 2, jobsPerWorker: 10, idleSeconds: 0.3 }, { intervalMs: 20 });
    try {
      await vi.waitFor(async () => expect((await aci.list()).filter((w) => w.state === 'running')).toHaveLength(2), { timeout: 10_000 });
      depth = 0;
      await vi.waitFor(async () => expect(await aci.list()).toEqual([]), { timeout: 10_000 });
      expect(scaler.snapshot().lastError).toBeUndefined();
    } finally {
      await scaler.stop();
    }
  });
});
