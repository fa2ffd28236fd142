import { describe, expect, it } from 'vitest';
import { blockAt, varObjectEntries, type BicepFile } from '../../test/support/bicep-text.js';
import { allTemplates, loadTemplates, readRepoFile } from '../../test/support/templates.js';

/**
 * Azure built-in role ids, each checked against Microsoft's built-in roles reference (MicrosoftDocs/azure-docs,
 * articles/role-based-access-control/built-in-roles*.md) and, for the storage and monitoring ones, against
 * Microsoft's Flex Consumption managed-identity samples.
 */
const builtIn = {
  'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
  'Storage Queue Data Contributor': '974c5e8b-45b9-4653-ba55-5f855dd0fb88',
  'Storage Table Data Contributor': '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3',
  'Azure Service Bus Data Sender': '69a216fc-b8fb-44d8-bc22-1f3c2cd27a39',
  'Azure Service Bus Data Receiver': '4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0',
  'Azure Service Bus Data Owner': '090c5cfd-751d-490a-894a-3ce6f1109419',
  'EventGrid Data Sender': 'd5a91429-5739-47e2-a06b-3470a27159e7',
  'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
  AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
  'Cognitive Services User': 'a97b65f3-24c7-4388-baec-2e87135dc908',
  'Monitoring Metrics Publisher': '3913510d-42f4-4e42-8a64-420c390055eb',
  'Managed Identity Operator': 'f1a07417-d97a-45cb-824c-7a7467783830',
  'Azure Container Instances Contributor Role': '5d977122-f97e-4b4d-a52f-6b43003ddb4d',
} as const;
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
    why: 'workers take jobs',
    evidence: ['adapters/job-queue/service-bus-job-queue.ts', 'receiveMessages'],
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
    why: 'container groups pull with the identity',
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
    why: 'create groups that carry the identity',
    evidence: ['adapters/container-runner/aci-container-group.ts', "type: 'UserAssigned'"],
  },
  {
    role: 'Azure Container Instances Contributor Role',
    scope: 'resourceGroup',
    why: 'the scaler creates and deletes groups',
    evidence: ['adapters/container-runner/aci-container-runner.ts', 'containerGroups.beginCreateOrUpdate'],
  },
];

interface Assignment {
  file: string;
  role: string;
  scope: string;
}

/** Role ids a file names: `var x = '<guid>'` and the entries of `var roles = { key: '<guid>' }` (as `roles.key`). */
function roleIds(file: BicepFile): Map<string, string> {
  const ids = new Map<string, string>();
  for (const m of file.text.matchAll(/^var\s+(\w+)\s*=\s*'([0-9a-f-]{36})'/gm)) ids.set(m[1]!, m[2]!);
  for (const [key, value] of varObjectEntries(file, 'roles') ?? []) ids.set(`roles.${key}`, value.slice(1, -1));
  return ids;
}

function assignments(file: BicepFile): Assignment[] {
  const ids = roleIds(file);
  return file.resources
    .filter((r) => r.type === 'Microsoft.Authorization/roleAssignments')
    .map((r) => {
      const at = new RegExp(`^resource\\s+${r.symbol}\\s`, 'm').exec(file.code)!.index;
      const { start, end } = blockAt(file.code, at);
      const body = file.code.slice(start, end);
      const used = [...ids].filter(([ref]) => new RegExp(`(^|[^\\w.])${ref.replace('.', '\\.')}\\b`).test(body));
      expect(used.length, `${file.path}: ${r.symbol} names one role`).toBe(1);
      const scopeSymbol = /^\s{2}scope:\s*(\w+)/m.exec(body)?.[1];
      const scope = scopeSymbol ? file.resources.find((x) => x.symbol === scopeSymbol)!.type : file.targetScope;
      return { file: file.path, role: used[0]![1], scope };
    });
}

const found = allTemplates().flatMap(assignments);

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
