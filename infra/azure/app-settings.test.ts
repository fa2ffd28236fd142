import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { loadWorkerConfig } from '../../workers/config.js';
import { objectVars, uses, varObjectEntries, type BicepFile } from '../../test/support/bicep-text.js';
import { loadTemplates, readRepoFile } from '../../test/support/templates.js';
import { containerEnv } from '../../test/support/container-env.js';

// The function app's settings are generated from the names app/config.ts reads: here loadConfig runs on exactly the
// names the templates set (with stand-in values), the way the Functions host hands them to the app in Azure.
const { modules } = loadTemplates();
const functionApp = modules.get('modules/functionapp.bicep')!;
const workers = modules.get('modules/workers.bicep')!;

const access = ['keyedSettings', 'identitySettings'];
const optional = [
  'classifierSettings',
  'durableSchedulerSettings',
  'firstClientSettings',
  'firstClientWebhookSettings',
  'adminSettings',
  'previousJobTokenSettings',
  'easyAuthSettings',
  'easyAuthSecretSettings',
  'opsSettings',
];
const settingVars = { functionApp: ['appSettings', ...access, ...optional] };

type Groups = { file: BicepFile; vars: string[] }[];
const keyedCore: Groups = [{ file: functionApp, vars: ['appSettings', 'keyedSettings'] }];
const identityCore: Groups = [{ file: functionApp, vars: ['appSettings', 'identitySettings'] }];
const everything = (accessVar: string): Groups => [{ file: functionApp, vars: ['appSettings', accessVar, ...optional] }];

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
  if (name === 'NEWSDESK_WORKER_CONCURRENCY') return '2';
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
  // The Durable Task Scheduler backend: the host's connection and its host.json overrides (durableSchedulerSettings).
  'DURABLE_TASK_SCHEDULER_CONNECTION_STRING',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__type',
  'AzureFunctionsJobHost__extensions__durableTask__storageProvider__connectionStringName',
  'AzureFunctionsJobHost__extensions__durableTask__hubName',
];
const appNames = () => [...schemaKeys('app/config.ts'), ...platformSettings];
const workerNames = () => [...schemaKeys('workers/config.ts'), 'AZURE_CLIENT_ID'];

describe('the function app settings the templates generate', () => {
  it('come from the variables this test knows, and each of them is used', () => {
    expect(objectVars(functionApp).filter((v) => v.endsWith('Settings'))).toEqual(settingVars.functionApp);
    for (const v of settingVars.functionApp) expect(uses(functionApp, v), v).toBeGreaterThan(0);
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

  it('load with the core settings alone (no classifier, first client or ops webhook)', () => {
    const config = loadConfig(settings(keyedCore));
    expect(config.workQueue).toBe('analysis-jobs');
    expect(config.mailboxApiKey).toBeDefined();
    expect(config.eventGrid.key).toBeDefined();
  });

  it('load with every optional group', () => {
    const config = loadConfig(settings(everything('keyedSettings')));
    expect(config.devClient).toBeDefined();
    expect(config.opsWebhookUrl).toBeDefined();
    expect(config.classifierEndpoint).toBeDefined();
  });

  it('include nothing for an ACI scaler any more', () => {
    expect(Object.keys(settings(everything('identitySettings'))).filter((name) => /ACI|WORKERS_/.test(name))).toEqual([]);
  });
  it('with keys, take AzureWebJobsStorage and the topic key from Key Vault', () => {
    expect(entries(functionApp, 'keyedSettings')).toEqual([
      ['AzureWebJobsStorage', 'kvRef(keyVaultName, secretNames.storageConnection)'],
      ['NEWSDESK_EVENTGRID_KEY', 'kvRef(keyVaultName, secretNames.eventGridKey)'],
    ]);
  });

  it('with identityOnly (the default), load without a key', () => {
    expect(Object.keys(settings(everything('identitySettings'))).filter((name) => !appNames().includes(name))).toEqual([]);
    const config = loadConfig(settings(identityCore));
    expect(config).toMatchObject({ storage: { accountName: expect.any(String) }, serviceBus: { namespace: expect.any(String) } });
    expect(config.eventGrid.key).toBeUndefined();
  });
});

// The Container Apps job's container: names workers/config.ts reads, as its identity, with no key of the app's.
describe("the workers' job settings the templates generate", () => {
  const env = [...containerEnv(workers, 'workerSettings'), ...containerEnv(workers, 'serviceBusSettings')];
  const standInEnv = Object.fromEntries(
    env.map(([name, source]) => [name, /^'[^'$]*'$/.test(source) ? source.slice(1, -1) : standIn(name)]),
  );

  it('are all names workers/config.ts reads, and enough to start', () => {
    expect(env.map(([name]) => name).filter((name) => !workerNames().includes(name))).toEqual([]);
    const worker = loadWorkerConfig({ ...standInEnv, NEWSDESK_WORKER_EXIT_WHEN_IDLE: 'PT120S' });
    expect(worker.queue).toMatchObject({ name: 'analysis-jobs', serviceBus: { namespace: expect.any(String) } });
    expect(worker.storage).toMatchObject({ accountName: expect.any(String) });
    expect(worker.classifier).toBeDefined();
    expect(worker.exitWhenIdleMs).toBe(120_000);
  });

  it('reach Storage and Service Bus by name as the identity, never by a key of the app', () => {
    const names = env.map(([name]) => name);
    for (const secret of ['AzureWebJobsStorage', 'NEWSDESK_SERVICEBUS_CONNECTION', 'NEWSDESK_JOB_TOKEN_KEY', 'NEWSDESK_EVENTGRID_KEY'])
      expect(names).not.toContain(secret);
    expect(Object.fromEntries(env)).toMatchObject({
      AZURE_CLIENT_ID: 'workerIdentityClientId',
      AzureWebJobsStorage__accountName: 'storageAccountName',
      NEWSDESK_SERVICEBUS_NAMESPACE: 'serviceBusNamespace',
      NEWSDESK_CLASSIFIER_KEY: "'classifier-key'",
    });
  });

  it("drain the queue and exit after the shared rule's cool-down", () => {
    const rule = JSON.parse(readRepoFile('workers/scaling/scaling-rule.json')) as { coolDownSeconds: number };
    expect(Object.fromEntries(env).NEWSDESK_WORKER_EXIT_WHEN_IDLE).toBe("'PT${rule.coolDownSeconds}S'");
    expect(rule.coolDownSeconds).toBeGreaterThan(0);
  });
});
