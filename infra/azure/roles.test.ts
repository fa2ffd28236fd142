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
    role: 'Azure Service Bus Data Receiver',
    scope: 'Microsoft.ServiceBus/namespaces/queues',
    why: 'workers take jobs (as their own identity)',
    evidence: ['adapters/job-queue/service-bus-job-queue.ts', 'receiveMessages'],
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
    why: 'the worker scaler reads the backlog (queue runtime properties need Manage)',
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
    why: "container groups pull with the workers' identity",
    evidence: ['adapters/container-runner/aci-container-group.ts', 'managedIdentityId'],
  },
  {
    role: 'Cognitive Services User',
    scope: 'Microsoft.CognitiveServices/accounts',
    why: 'the workers call Azure AI Vision',
    evidence: ['adapters/classifier/image-analysis-classifier.ts', 'imageanalysis:analyze'],
  },
  {
    role: 'Monitoring Metrics Publisher',
    scope: 'Microsoft.Insights/components',
    why: 'host telemetry with Entra auth',
    evidence: ['infra/azure/modules/functionapp.bicep', 'Authorization=AAD'],
  },
  {
    role: 'Managed Identity Operator',
    scope: 'Microsoft.ManagedIdentity/userAssignedIdentities',
    why: "create groups that carry the workers' identity",
    evidence: ['adapters/container-runner/aci-container-group.ts', "type: 'UserAssigned'"],
  },
  {
    role: 'Azure Container Instances Contributor Role',
    scope: 'resourceGroup',
    why: 'the scaler creates and deletes groups',
    evidence: ['adapters/container-runner/aci-container-runner.ts', 'containerGroups.beginCreateOrUpdate'],
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

  it("gives the workers' ACI role on the workers' resource group only", () => {
    const { main } = loadTemplates();
    expect(found.filter((a) => a.role === builtIn['Azure Container Instances Contributor Role']).map((a) => a.file)).toEqual([
      expect.stringMatching(/modules\/workers\.bicep$/),
    ]);
    expect(main.text).toMatch(/module workers 'modules\/workers\.bicep' = \{\n\s+name: 'workers'\n\s+scope: workersRg\n/);
  });

  it("assigns the roles to the user-assigned identity (and the gateway's one to API Management's), as service principals", () => {
    const { main } = loadTemplates();
    for (const symbol of ['roles', 'workers'])
      expect(main.text).toMatch(new RegExp(`module ${symbol} [^]*?principalId: identity\\.outputs\\.principalId`));
    for (const file of allTemplates())
      for (const r of file.resources.filter((x) => x.type === 'Microsoft.Authorization/roleAssignments'))
        expect(file.text.slice(file.text.indexOf(`resource ${r.symbol} `)), r.symbol).toMatch(/^[^]*?principalType:\s*'ServicePrincipal'/);
  });
});
