import { describe, expect, it } from 'vitest';
import { builtIn } from '../../test/support/built-in-roles.js';
import { roleAssignments } from '../../test/support/role-assignments.js';
import { allTemplates, loadTemplates, readRepoFile } from '../../test/support/templates.js';

type Role = keyof typeof builtIn;

/** Roles that would let the identity do far more than the code needs. */
const tooBroad = {
  Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
  Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
  'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
};

/** What the code does that needs each role, the evidence in the code, and the narrowest scope that allows it. */
const needed: { role: Role; scope: string; why: string; evidence: [file: string, text: string] }[] = [
  {
    role: 'Storage Blob Data Owner',
    scope: 'Microsoft.Storage/storageAccounts',
    why: 'host storage with an identity; media',
    evidence: ['adapters/blob-store/azure-blob-store.ts', 'BlobServiceClient'],
  },
  {
    role: 'Storage Queue Data Contributor',
    scope: 'Microsoft.Storage/storageAccounts',
    why: 'task hub; the Storage work queue',
    evidence: ['adapters/job-queue/storage-queue-job-queue.ts', 'QueueServiceClient'],
  },
  {
    role: 'Storage Table Data Contributor',
    scope: 'Microsoft.Storage/storageAccounts',
    why: 'task hub; ingest and delivery tables',
    evidence: ['adapters/table-storage/table-set.ts', 'TableClient'],
  },
  {
    role: 'Azure Service Bus Data Sender',
    scope: 'Microsoft.ServiceBus/namespaces/queues',
    why: 'enqueue jobs',
    evidence: ['adapters/job-queue/service-bus-job-queue.ts', 'sendMessages'],
  },
  {
    role: 'Storage Blob Data Reader',
    scope: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    why: 'workers read originals (today through the job’s SAS URL)',
    evidence: ['workers/job/download-original.ts', 'downloadToBuffer'],
  },
  {
    role: 'Storage Blob Data Contributor',
    scope: 'Microsoft.Storage/storageAccounts/blobServices/containers',
    why: 'workers write results',
    evidence: ['workers/job/write-results.ts', 'blobs.upload'],
  },
  {
    role: 'Storage Table Data Reader',
    scope: 'Microsoft.Storage/storageAccounts/tableServices/tables',
    why: "workers read a submission's status",
    evidence: ['adapters/ingest-store/submission-status-reader.ts', 'getEntity'],
  },
  {
    role: 'Azure Service Bus Data Owner',
    scope: 'Microsoft.ServiceBus/namespaces/queues',
    why: "the desk's System page and KEDA read the backlog (queue runtime properties need Manage); workers take jobs",
    evidence: ['adapters/job-queue/service-bus-job-queue.ts', 'getQueueRuntimeProperties'],
  },
  {
    role: 'EventGrid Data Sender',
    scope: 'Microsoft.EventGrid/topics',
    why: 'publish Submission.Received',
    evidence: ['adapters/event-publisher/event-grid-event-publisher.ts', 'EventGridPublisherClient'],
  },
  {
    role: 'Key Vault Secrets User',
    scope: 'Microsoft.KeyVault/vaults',
    why: 'Key Vault references in app settings',
    evidence: ['infra/azure/modules/functionapp.bicep', '@Microsoft.KeyVault('],
  },
  {
    role: 'AcrPull',
    scope: 'Microsoft.ContainerRegistry/registries',
    why: "the workers' job and the classifier app pull their images as their identities",
    evidence: ['infra/azure/modules/workers.bicep', 'registries: [{ server: registryServer, identity: workerIdentityId }]'],
  },
  {
    role: 'Monitoring Metrics Publisher',
    scope: 'Microsoft.Insights/components',
    why: 'host telemetry with Entra auth',
    evidence: ['infra/azure/modules/functionapp.bicep', 'Authorization=AAD'],
  },
  {
    role: 'Durable Task Data Contributor',
    scope: 'Microsoft.DurableTask/schedulers/taskHubs',
    why: 'the task hub on the Durable Task Scheduler (durableBackend scheduler)',
    evidence: ['infra/azure/modules/functionapp.bicep', 'Authentication=ManagedIdentity'],
  },
];

const found = allTemplates().flatMap(roleAssignments);

describe('role assignments', () => {
  it.each(needed.map((n) => [n.role, n] as const))('%s exists, on its narrowest scope', (_role, n) => {
    expect(readRepoFile(n.evidence[0]), `${n.why}: ${n.evidence.join(' → ')}`).toContain(n.evidence[1]);
    expect(found.filter((a) => a.role === builtIn[n.role]).map((a) => a.scope)).toContain(n.scope);
  });

  it('grants nothing else, and no broad role anywhere', () => {
    const known = Object.values(builtIn) as string[];
    expect(found.filter((a) => !known.includes(a.role))).toEqual([]);
    for (const file of allTemplates()) for (const id of Object.values(tooBroad)) expect(file.text).not.toContain(id);
  });

  it('grants nothing on a resource group or the subscription: the ACI scaler and its container groups are gone', () => {
    expect(found.filter((a) => a.scope === 'resourceGroup' || a.scope === 'subscription')).toEqual([]);
  });

  it("assigns the roles to the user-assigned identity (and the gateway's one to API Management's), as service principals", () => {
    const { main } = loadTemplates();
    for (const symbol of ['roles', 'durableScheduler'])
      expect(main.text).toMatch(new RegExp(`module ${symbol} [^]*?principalId: identity\\.outputs\\.principalId`));
    for (const file of allTemplates())
      for (const r of file.resources.filter((x) => x.type === 'Microsoft.Authorization/roleAssignments'))
        expect(file.text.slice(file.text.indexOf(`resource ${r.symbol} `)), r.symbol).toMatch(/^[^]*?principalType:\s*'ServicePrincipal'/);
  });
});
