import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { loadWorkerConfig } from '../../workers/config.js';
import { aciContainerGroup } from '../../adapters/container-runner/aci-container-group.js';
import { objectVars, uses, varObjectEntries, type BicepFile } from '../../test/support/bicep-text.js';
import { loadTemplates, readRepoFile } from '../../test/support/templates.js';

// The function app's settings are generated from the names app/config.ts reads: here loadConfig runs on exactly the
// names the templates set (with stand-in values), the way the Functions host hands them to the app in Azure.
const { modules } = loadTemplates();
const functionApp = modules.get('modules/functionapp.bicep')!;
const workers = modules.get('modules/workers.bicep')!;

const access = ['keyedSettings', 'identitySettings'];
const optional = [
  'classifierSettings',
  'classifierKeySettings',
  'firstClientSettings',
  'firstClientWebhookSettings',
  'adminSettings',
  'previousJobTokenSettings',
  'easyAuthSettings',
  'easyAuthSecretSettings',
  'opsSettings',
];
const settingVars = { functionApp: ['appSettings', ...access, ...optional], workers: ['scalerSettings', 'gpuSettings'] };

type Groups = { file: BicepFile; vars: string[] }[];
const keyedCore: Groups = [{ file: functionApp, vars: ['appSettings', 'keyedSettings'] }];
const identityCore: Groups = [{ file: functionApp, vars: ['appSettings', 'identitySettings'] }];
const everything = (accessVar: string): Groups => [
  { file: functionApp, vars: ['appSettings', accessVar, ...optional] },
  { file: workers, vars: settingVars.workers },
];

function entries(file: BicepFile, name: string): [string, string][] {
  const found = varObjectEntries(file, name);
  if (!found) throw new Error(`${file.path} has no object variable ${name}`);
  return found;
}

/** Settings of the given variables, with a stand-in value: the template's literal where it has one. */
function settings(groups: Groups): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { file, vars } of groups)
    for (const name of vars)
      for (const [key, source] of entries(file, name)) env[key] = /^'[^'$]*'$/.test(source) ? source.slice(1, -1) : standIn(key);
  return env;
}

/** A value of the right shape for a setting whose value is only known in Azure. */
function standIn(name: string): string {
  // A Key Vault reference in Azure; the secret is a connection string that names its account.
  if (name === 'AzureWebJobsStorage')
    return 'DefaultEndpointsProtocol=https;AccountName=standin;AccountKey=c3RhbmQtaW4=;EndpointSuffix=core.windows.net';
  if (/_ENDPOINT$|_URL$/.test(name)) return 'https://stand-in.example.net/';
  if (/_(CPU|MEMORY_GB|COUNT|MIN|MAX|PER_WORKER|SECONDS)$/.test(name)) return '2';
  if (name === 'NEWSDESK_ACI_GPU_SKU') return 'V100';
  if (name === 'NEWSDESK_CANCELLED_RETENTION') return 'delete';
  if (name === 'NEWSDESK_WORK_QUEUE') return 'analysis-jobs';
  if (name === 'NEWSDESK_DEV_MAIL_SENDERS') return 'desk@example.net';
  // An HMAC key: at least 32 characters.
  if (name.startsWith('NEWSDESK_JOB_TOKEN_KEY')) return `stand-in-${name.toLowerCase()}-0123456789`;
  return `stand-in-${name.toLowerCase()}`;
}

/**
 * The names a config module reads: the keys of its `const schema = z ... ;` statement and of each schema it merges in
 * with `.extend(other.shape)`, read from the module that exports it. Read as text: the schemas are not all exported.
 */
function schemaKeys(path: string): string[] {
  const text = readRepoFile(path);
  const start = text.indexOf('const schema = z');
  const statement = text.slice(start, text.indexOf('\n\n', start));
  const keys = [...statement.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*):\s*(?:z\b|bytes\(|int\(|duration\()/gm)].map((m) => m[1]!);
  expect(keys.length, `${path} schema keys`).toBeGreaterThan(10);
  for (const [, name] of statement.matchAll(/\.extend\((\w+)\.shape\)/g)) {
    const from = new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from '([^']+)'`).exec(text)?.[1];
    expect(from, `${path} imports ${name}`).toBeDefined();
    const other = readRepoFile(new URL(from!.replace(/\.js$/, '.ts'), `file:///${path}`).pathname.slice(1));
    const at = other.indexOf(`export const ${name} = z.object({`);
    expect(at, `${name} is a z.object`).toBeGreaterThan(-1);
    const body = other.slice(at, other.indexOf('\n});', at));
    keys.push(...[...body.matchAll(/^\s+([A-Za-z_][A-Za-z0-9_]*):\s*z\b/gm)].map((m) => m[1]!));
  }
  return keys;
}

// Settings the Functions host, the Flex platform or @azure/identity read, not the app's config module.
const platformSettings = [
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
  // App Service authentication reads its client secret from the setting authsettingsV2 names.
  'MICROSOFT_PROVIDER_AUTHENTICATION_SECRET',
  'AZURE_CLIENT_ID',
];
const appNames = () => [...schemaKeys('app/config.ts'), ...platformSettings];
const workerNames = () => [...schemaKeys('workers/config.ts'), 'AZURE_CLIENT_ID'];

/** Whether the app can reach Storage as the identity (adapters/azure-access): main.bicep's identityOnly needs it. */
const appTakesIdentity = schemaKeys('app/config.ts').includes('AzureWebJobsStorage__accountName');

describe('the function app settings the templates generate', () => {
  it('come from the variables this test knows, and each of them is used', () => {
    expect(objectVars(functionApp).filter((v) => v.endsWith('Settings'))).toEqual(settingVars.functionApp);
    expect(objectVars(workers).filter((v) => v.endsWith('Settings'))).toEqual(settingVars.workers);
    for (const v of settingVars.functionApp) expect(uses(functionApp, v), v).toBeGreaterThan(0);
    for (const v of settingVars.workers) expect(uses(workers, v), v).toBeGreaterThan(0);
    expect(functionApp.code).toMatch(/identityOnly \? identitySettings : keyedSettings/);
  });

  it("are all names app/config.ts reads, or the platform's own", () => {
    expect(Object.keys(settings(everything('keyedSettings'))).filter((name) => !appNames().includes(name))).toEqual([]);
  });

  it('include every setting loadConfig requires', () => {
    let required: string[] = [];
    try {
      loadConfig({});
    } catch (error) {
      required = [...(error as Error).message.matchAll(/(?:— |; )(\w+):/g)].map((m) => m[1]!);
    }
    expect(required.length).toBeGreaterThan(0);
    expect(required.filter((name) => !(name in settings(keyedCore)))).toEqual([]);
  });

  it('load with the core settings alone (no classifier, first client, ops webhook or workers)', () => {
    const config = loadConfig(settings(keyedCore));
    expect(config.workQueue).toBe('analysis-jobs');
    expect(config.mailboxApiKey).toBeDefined();
    expect(config.eventGrid.key).toBeDefined();
    expect(config.workerScaler).toBeUndefined();
  });

  it('load with every optional group, and then drive the worker scaler', () => {
    const config = loadConfig(settings(everything('keyedSettings')));
    expect(config.devClient).toBeDefined();
    expect(config.opsWebhookUrl).toBeDefined();
    expect(config.workerScaler).toMatchObject({ gpu: { sku: 'V100' }, registry: { server: expect.any(String) } });
    expect(config.workerScaler!.secureEnvironment).toHaveProperty('NEWSDESK_CLASSIFIER_KEY');
    expect(config.workerScaler!.environment).toHaveProperty('NEWSDESK_CLASSIFIER_ENDPOINT');
  });

  it('give the worker containers only settings workers/config.ts reads, and enough to start', () => {
    const scaler = loadConfig(settings(everything('keyedSettings'))).workerScaler!;
    const containerEnv = { ...scaler.environment, ...scaler.secureEnvironment };
    expect(Object.keys(containerEnv).filter((name) => !workerNames().includes(name))).toEqual([]);
    const worker = loadWorkerConfig(containerEnv);
    expect(worker.queue.name).toBe('analysis-jobs');
    expect(worker.classifier).toBeDefined();
  });

  it("make container groups that run and pull as the workers' own identity from its registry (the ACI template)", () => {
    const env = settings(everything('keyedSettings'));
    const scaler = loadConfig(env).workerScaler!;
    const group = aciContainerGroup({ ...scaler, identityId: scaler.identity.id }, 'newsdesk-worker-1', scaler.namePrefix, new Date(0));
    expect(Object.keys(group.identity?.userAssignedIdentities ?? {})).toEqual([env.NEWSDESK_ACI_WORKER_IDENTITY_ID]);
    expect(group.imageRegistryCredentials).toEqual([
      { server: env.NEWSDESK_ACI_REGISTRY_SERVER, identity: env.NEWSDESK_ACI_WORKER_IDENTITY_ID },
    ]);
    const containerEnv = Object.fromEntries(group.containers[0]!.environmentVariables!.map((v) => [v.name, v.value ?? v.secureValue]));
    expect(containerEnv.AZURE_CLIENT_ID).toBe(env.NEWSDESK_ACI_WORKER_IDENTITY_CLIENT_ID);
    expect(containerEnv.AZURE_CLIENT_ID).not.toBe(env.AZURE_CLIENT_ID);
    expect(containerEnv).not.toHaveProperty('AzureWebJobsStorage');
    expect(group.containers[0]!.image).toBe(env.NEWSDESK_ACI_IMAGE);
    expect(group.containers[0]!.resources.requests.gpu).toEqual({ sku: 'V100', count: 2 });
  });

  it('with keys (the default), take AzureWebJobsStorage and the topic key from Key Vault', () => {
    expect(entries(functionApp, 'keyedSettings')).toEqual([
      ['AzureWebJobsStorage', 'kvRef(keyVaultName, secretNames.storageConnection)'],
      ['NEWSDESK_EVENTGRID_KEY', 'kvRef(keyVaultName, secretNames.eventGridKey)'],
    ]);
  });

  // identityOnly needs an app that reaches Storage, Event Grid and Service Bus as the identity. An app that cannot
  // refuses those settings; one that can must load them, and then hands its workers names, not secrets.
  if (appTakesIdentity) {
    it('with identityOnly, load without a key and give the workers no storage secret', () => {
      expect(Object.keys(settings(everything('identitySettings'))).filter((name) => !appNames().includes(name))).toEqual([]);
      const config = loadConfig(settings(identityCore));
      expect(config).toMatchObject({ storage: { accountName: expect.any(String) }, serviceBus: { namespace: expect.any(String) } });
      expect(config.eventGrid.key).toBeUndefined();
      const scaler = loadConfig(settings(everything('identitySettings'))).workerScaler!;
      expect(Object.keys(scaler.secureEnvironment)).not.toContain('AzureWebJobsStorage');
      const containerEnv = { ...scaler.environment, ...scaler.secureEnvironment };
      expect(Object.keys(containerEnv).filter((name) => !workerNames().includes(name))).toEqual([]);
      expect(() => loadWorkerConfig(containerEnv)).not.toThrow();
    });
  } else {
    it('with identityOnly, are refused by an app that needs the AzureWebJobsStorage connection string', () => {
      expect(() => loadConfig(settings(identityCore))).toThrow(/AzureWebJobsStorage/);
    });
  }
});
