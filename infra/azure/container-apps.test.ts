import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadWorkerConfig } from '../../workers/config.js';
import { blockAt, paramDefault, varObjectEntries } from '../../test/support/bicep-text.js';
import { allTemplates, loadTemplates, readRepoFile, repoRoot } from '../../test/support/templates.js';

// The workers as an event-driven Container Apps job that KEDA scales; the classifier as a Container App; no ACI.
const { main, modules } = loadTemplates();
const workers = modules.get('modules/workers.bicep')!;
const environment = modules.get('modules/container-environment.bicep')!;
const classifier = modules.get('modules/classifier.bicep')!;
const rule = JSON.parse(readFileSync(`${repoRoot}workers/scaling/scaling-rule.json`, 'utf8')) as Record<string, number>;
const moduleArgs = (symbol: string) => main.modules.find((m) => m.symbol === symbol)!.args;

/** The source text of `resource <symbol> ... { ... }`. */
function resourceBody(text: string, symbol: string): string {
  const at = text.indexOf(`resource ${symbol} `);
  expect(at, symbol).toBeGreaterThan(-1);
  const { start, end } = blockAt(text, text.indexOf('{', at));
  return text.slice(start, end);
}

describe('the workers on Azure Container Apps', () => {
  it('are a Microsoft.App/jobs with an event trigger, on API 2025-01-01 like every Microsoft.App resource', () => {
    expect(workers.resources).toContainEqual({ symbol: 'job', type: 'Microsoft.App/jobs', apiVersion: '2025-01-01', existing: false });
    for (const file of allTemplates())
      for (const r of file.resources.filter((x) => x.type.startsWith('Microsoft.App/'))) expect(r.apiVersion, r.type).toBe('2025-01-01');
    const job = resourceBody(workers.text, 'job');
    expect(job).toContain("triggerType: 'Event'");
    for (const property of ['replicaTimeout: replicaTimeoutSeconds', 'parallelism: 1', 'pollingInterval: pollingIntervalSeconds'])
      expect(job).toContain(property);
    expect(job).toContain('maxExecutions: rule.maxReplicas');
    expect(job).toContain('minExecutions: rule.minReplicas');
  });

  it("scale on a KEDA azure-servicebus rule that authenticates as the workers' identity (azure-queue with keys)", () => {
    const entries = Object.fromEntries(varObjectEntries(workers, 'serviceBusRule')!);
    expect(entries).toMatchObject({ type: "'azure-servicebus'", identity: 'workerIdentityId' });
    expect(entries.metadata).toContain('messageCount: string(rule.messagesPerReplica)');
    expect(entries.metadata).toContain('namespace: serviceBusNamespaceName');
    expect(entries).not.toHaveProperty('auth');
    expect(Object.fromEntries(varObjectEntries(workers, 'storageQueueRule')!)).toMatchObject({
      type: "'azure-queue'",
      identity: 'workerIdentityId',
    });
    expect(workers.text).toContain('rules: [serviceBusQueue ? serviceBusRule : storageQueueRule]');
    expect(moduleArgs('workers').serviceBusQueue).toBe('identityOnly');
  });

  it('follow the one scaling rule the one-machine runner follows, read from the same file', () => {
    expect(workers.text).toContain("var rule = loadJsonContent('../../../workers/scaling/scaling-rule.json')");
    expect(Object.keys(rule).sort()).toEqual(['coolDownSeconds', 'maxReplicas', 'messagesPerReplica', 'minReplicas']);
    expect(readRepoFile('workers/scaling/scaling-settings.ts')).toContain("from './scaling-rule.json'");
  });

  it('cover the longest analysis: the job token lives the analysis timeout plus the escalation grace', () => {
    const timeout = Number(paramDefault(main, 'workerReplicaTimeoutSeconds'));
    // app/config.ts's defaults: NEWSDESK_ANALYSIS_TIMEOUT_NORMAL PT30M, NEWSDESK_ESCALATION_GRACE PT2H.
    const config = readRepoFile('app/config.ts');
    expect(config).toContain("NEWSDESK_ANALYSIS_TIMEOUT_NORMAL: duration('PT30M')");
    expect(config).toContain("NEWSDESK_ESCALATION_GRACE: duration('PT2H')");
    expect(timeout).toBeGreaterThan(30 * 60 + 2 * 3600);
    expect(moduleArgs('workers').replicaTimeoutSeconds).toBe('workerReplicaTimeoutSeconds');
  });

  it('offer a serverless GPU profile (T4 by name, A100 as the other choice), sized within each profile', () => {
    expect(environment.text).toContain("@allowed(['', 'Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])");
    expect(environment.text).toContain("var consumption = [{ name: 'Consumption', workloadProfileType: 'Consumption' }]");
    const profiles = varObjectEntries(main, 'workerProfiles')!;
    const sizes = Object.fromEntries(profiles.map(([k, v]) => [k.replace(/'/g, ''), v]));
    expect(sizes['']).toContain("type: '', cpu: '4.0', memory: '8Gi'");
    expect(sizes.T4).toContain("type: 'Consumption-GPU-NC8as-T4', cpu: '8.0', memory: '56Gi'");
    expect(sizes.A100).toContain("type: 'Consumption-GPU-NC24-A100', cpu: '24.0', memory: '220Gi'");
  });

  it('hold no Azure Container Instances resource, role or setting any more', () => {
    for (const file of allTemplates()) {
      expect(file.resources.filter((r) => r.type.startsWith('Microsoft.ContainerInstance'))).toEqual([]);
      expect(file.text).not.toMatch(/ContainerInstance|NEWSDESK_ACI_/);
    }
    expect(JSON.stringify(loadWorkerConfig({ AzureWebJobsStorage: 'x' }))).not.toContain('aci');
  });
});

describe('the self-hosted classifier on Azure Container Apps', () => {
  it('runs when no Vision account and no other endpoint is given, with internal ingress, its identity and an HTTP rule', () => {
    expect(main.text).toContain('var selfHostedClassifier = !deployVision && empty(classifierEndpoint)');
    expect(main.text).toMatch(/module classifier 'modules\/classifier\.bicep' = if \(selfHostedClassifier\)/);
    const app = resourceBody(classifier.text, 'app');
    expect(app).toContain('ingress: { external: false');
    expect(app).toContain("userAssignedIdentities: { '${identityId}': {} }");
    expect(app).toContain('http: { metadata: { concurrentRequests: string(concurrentRequests) } }');
    expect(moduleArgs('workers').classifierEndpoint).toContain('selfHostedClassifier ? classifier.outputs.endpoint');
  });

  it('makes Azure AI Vision optional', () => {
    expect(main.text).toMatch(/module vision 'modules\/vision\.bicep' = if \(useVision\)/);
  });
});

describe('the function app', () => {
  it('runs Node 22 on Flex Consumption', () => {
    const functionApp = modules.get('modules/functionapp.bicep')!;
    expect(paramDefault(functionApp, 'nodeVersion')).toBe('22');
    expect(functionApp.text).toContain("runtime: { name: 'node', version: nodeVersion }");
  });

  it('can keep its task hub in a Durable Task Scheduler, as its identity', () => {
    const scheduler = modules.get('modules/durable-scheduler.bicep')!;
    expect(scheduler.resources.map((r) => r.type)).toEqual([
      'Microsoft.DurableTask/schedulers',
      'Microsoft.DurableTask/schedulers/taskHubs',
      'Microsoft.Authorization/roleAssignments',
    ]);
    expect(main.text).toMatch(/module durableScheduler 'modules\/durable-scheduler\.bicep' = if \(durableBackend == 'scheduler'\)/);
    const settings = Object.fromEntries(varObjectEntries(modules.get('modules/functionapp.bicep')!, 'durableSchedulerSettings')!);
    expect(settings.AzureFunctionsJobHost__extensions__durableTask__storageProvider__type).toBe("'azureManaged'");
  });
});
