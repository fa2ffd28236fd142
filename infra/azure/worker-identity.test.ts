import { describe, expect, it } from 'vitest';
import { paramDefault, varObjectEntries, type BicepFile } from '../../test/support/bicep-text.js';
import { builtIn } from '../../test/support/built-in-roles.js';
import { roleAssignments, type Assignment } from '../../test/support/role-assignments.js';
import { allTemplates, loadTemplates, readRepoFile } from '../../test/support/templates.js';
import { containerEnv } from '../../test/support/container-env.js';

// The worker containers run as an identity of their own (docs/security.md, "The workers' identity"): these tests
// read the templates and prove that identity holds exactly the grants the worker code needs, each on the one
// container, queue or table it touches, and nothing on Key Vault or the Durable task hub.
const { main, modules } = loadTemplates();
const workerRoles = modules.get('modules/worker-roles.bicep')!;
const roles = modules.get('modules/roles.bicep')!;
const workers = modules.get('modules/workers.bicep')!;
const moduleOf = (symbol: string) => main.modules.find((m) => m.symbol === symbol)!;
const unquote = (source: string) => source.replace(/^'|'$/g, '');
const roleName = (id: string) => Object.entries(builtIn).find(([, guid]) => guid === id)?.[0] ?? id;

/** `name:` of a resource declared in a file (the source text of its value). */
function resourceName(file: BicepFile, symbol: string): string {
  const at = file.text.indexOf(`resource ${symbol} `);
  return /^\s+name:\s*(.+)$/m.exec(file.text.slice(at))![1]!.trim();
}

/** A value main.bicep passes to worker-roles.bicep, as the deployment would see it with the parameters' defaults. */
function resolved(param: string): string {
  const source = moduleOf('workerRoles').args[param]!;
  const containers = Object.fromEntries(varObjectEntries(main, 'containers')!.map(([k, v]) => [`containers.${k}`, unquote(v)]));
  const workQueue = paramDefault(main, 'workQueueName')!;
  if (source in containers) return containers[source]!;
  if (source === 'workQueueName') return workQueue;
  return unquote(source.replace('${workQueueName}', workQueue));
}

/** Each grant as `role on <scope type> <name> [if condition]`, its name resolved to the deployed resource's. */
function describeGrant(a: Assignment): string {
  const nameParam = resourceName(workerRoles, a.scopeSymbol!);
  const scopeType = a.scope.split('/').at(-1);
  return `${roleName(a.role)} on ${scopeType} ${resolved(nameParam)}${a.condition ? ` if ${a.condition}` : ''}`;
}

describe("the worker containers' own identity", () => {
  it('is a second user-assigned identity, not the function app’s', () => {
    expect(moduleOf('identity').path).toBe('modules/identity.bicep');
    expect(moduleOf('workerIdentity').path).toBe('modules/identity.bicep');
    expect(moduleOf('workerIdentity').args.name).toBe('names.workerIdentity');
    const names = Object.fromEntries(varObjectEntries(main, 'names')!);
    expect(names.workerIdentity).not.toBe(names.identity);
  });

  it('holds exactly the least-privilege set, each role on one container, queue or table', () => {
    const grants = roleAssignments(workerRoles);
    expect(grants.every((a) => a.principal === 'principalId')).toBe(true);
    expect(grants.map(describeGrant).sort()).toEqual(
      [
        'Storage Blob Data Reader on containers incoming',
        'Storage Blob Data Contributor on containers results',
        // The Storage work queue (identityOnly false) and its poison queue: receive, renew the lock, retry later,
        // dead-letter; Message Processor alone cannot update a message.
        'Storage Queue Data Contributor on queues analysis-jobs if !identityOnly',
        'Storage Queue Data Contributor on queues analysis-jobs-poison if !identityOnly',
        // The Service Bus work queue (identityOnly true): receive and settle, schedule a delayed retry's copy, and let
        // KEDA read the backlog as this identity (runtime properties need Manage): Data Owner on this one queue.
        'Azure Service Bus Data Owner on queues analysis-jobs if identityOnly',
        'Storage Table Data Contributor on tables workerheartbeats',
        'Storage Table Data Reader on tables submissions',
        'AcrPull on registries registry.outputs.name',
      ].sort(),
    );
    // The Service Bus grants are on the namespace's queue, the Storage ones on the account's.
    for (const a of grants.filter((g) => g.role === builtIn['Azure Service Bus Data Owner']))
      expect(a.scope).toBe('Microsoft.ServiceBus/namespaces/queues');
  });

  it('is given to worker-roles.bicep alone, and its tables are the ones the worker code uses', () => {
    expect(moduleOf('workerRoles').args.principalId).toBe('workerIdentity.outputs.principalId');
    const principalUses = main.modules.filter((m) => Object.values(m.args).some((v) => v.includes('workerIdentity.outputs.principalId')));
    expect(principalUses.map((m) => m.symbol)).toEqual(['workerRoles']);
    expect(moduleOf('workerRoles').args.identityOnly).toBe('identityOnly');
    expect(readRepoFile('adapters/worker-heartbeats/table-worker-heartbeats.ts')).toContain(
      `const TABLES = ['${resolved('heartbeatsTable')}']`,
    );
    expect(readRepoFile('adapters/ingest-store/submission-status-reader.ts')).toContain(`'${resolved('submissionsTable')}'`);
  });

  it('has nothing on Key Vault, the storage account as a whole or the Durable task hub', () => {
    const grants = roleAssignments(workerRoles);
    expect(
      grants.map((a) => a.scope).filter((s) => s.startsWith('Microsoft.KeyVault') || s === 'Microsoft.Storage/storageAccounts'),
    ).toEqual([]);
    expect(workerRoles.resources.filter((r) => r.type.startsWith('Microsoft.KeyVault'))).toEqual([]);
    expect(workerRoles.code).not.toMatch(/[kK]eyVault|vault/);
    expect(grants.map((a) => a.role)).not.toContain(builtIn['Key Vault Secrets User']);
    // The task hub (host.json's hubName) keeps its own tables, queues and blob containers in the same account.
    const hub = (JSON.parse(readRepoFile('host.json')) as { extensions: { durableTask: { hubName: string } } }).extensions.durableTask
      .hubName;
    for (const a of grants.filter((g) => g.scope.startsWith('Microsoft.Storage/')))
      expect(describeGrant(a).toLowerCase()).not.toContain(hub.toLowerCase());
    // No other template grants the workers' identity anything: the only principal main.bicep hands around is checked above,
    // and Key Vault references resolve as the app's identity.
    for (const file of allTemplates().filter((f) => f !== workerRoles))
      for (const a of roleAssignments(file)) expect(a.principal, `${file.path} ${a.symbol}`).not.toMatch(/worker/i);
    expect(modules.get('modules/functionapp.bicep')!.text).toMatch(/keyVaultReferenceIdentity: identityId\n/);
    expect(moduleOf('functionApp').args.identityId).toBe('identity.outputs.id');
  });

  it('is what the Container Apps job runs, pulls and scales as; the app holds nothing of it and pulls nothing itself', () => {
    const job = moduleOf('workers');
    expect(job.args.workerIdentityId).toBe('workerIdentity.outputs.id');
    expect(job.args.workerIdentityClientId).toBe('workerIdentity.outputs.clientId');
    expect(workers.text).toContain("userAssignedIdentities: { '${workerIdentityId}': {} }");
    expect(workers.text).toContain('registries: [{ server: registryServer, identity: workerIdentityId }]');
    expect(workers.text).toMatch(/type: 'azure-servicebus'[^]*?identity: workerIdentityId/);
    expect(Object.fromEntries(containerEnv(workers, 'workerSettings'))).toMatchObject({ AZURE_CLIENT_ID: 'workerIdentityClientId' });
    expect(roleAssignments(roles).map((a) => a.role)).not.toContain(builtIn.AcrPull);
    expect(roles.text).not.toMatch(/[wW]orker[iI]dentity/);
  });
});
