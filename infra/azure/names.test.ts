import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.js';
import { loadWorkerConfig } from '../../workers/config.js';
import { StorageQueueJobQueue } from '../../adapters/job-queue/storage-queue-job-queue.js';
import { SUBMISSION_RECEIVED } from '../../contracts/submission.js';
import { blockAt, paramDefault, varObjectEntries } from '../../test/support/bicep-text.js';
import { loadTemplates, readRepoFile, repoSources } from '../../test/support/templates.js';

// The queue, table, container, event and function names in the templates are the ones the code uses. The code has
// no single list of them (see docs/deploy.md): each comes from where the code spells it.
const { main, modules } = loadTemplates();
const args = (symbol: string) => main.modules.find((m) => m.symbol === symbol)!.args;
const unquote = (source: string) => source.replace(/^'|'$/g, '');

/** The string literals of `var <name> = [ ... ]` in main.bicep. */
function arrayVar(name: string): string[] {
  const at = new RegExp(`^var\\s+${name}\\s*=\\s*\\[`, 'm').exec(main.code)!;
  const { start, end } = blockAt(main.code, at.index);
  return [...main.text.slice(start, end).matchAll(/'([^']*)'/g)].map((m) => m[1]!);
}

/** Non-test TypeScript sources under the app's folders. */
const appSources = (): string[] => ['app', 'lib', 'adapters', 'ingest', 'orchestrator', 'workers', 'contracts'].flatMap(repoSources);

describe('names shared by the templates and the code', () => {
  it("the work queue: the app's and the worker's default, a Storage queue with its poison queue, and the Service Bus queue", () => {
    const name = paramDefault(main, 'workQueueName');
    expect(
      loadConfig({
        AzureWebJobsStorage: 'x',
        NEWSDESK_EVENTGRID_ENDPOINT: 'https://x.example',
        NEWSDESK_EVENTGRID_KEY: 'k',
        NEWSDESK_JOB_TOKEN_KEY: 'job-token-key-for-config-tests-0123456789',
      }).workQueue,
    ).toBe(name);
    expect(loadWorkerConfig({ AzureWebJobsStorage: 'x' }).queue.name).toBe(name);
    const queue = new StorageQueueJobQueue('UseDevelopmentStorage=true', name!);
    expect(args('storage').queues).toBe(`[workQueueName, '\${workQueueName}${queue.poison.name.slice(name!.length)}']`);
    expect(args('serviceBus').queueName).toBe('workQueueName');
    expect(args('functionApp').workQueueName).toBe('workQueueName');
  });

  it('the tables: exactly those of TableIngestStore, TableDeliveryStore, TableDuplicateIndex and TableWorkerHeartbeats', () => {
    const inCode = [
      'adapters/ingest-store/table-ingest-store.ts',
      'adapters/delivery-store/table-delivery-store.ts',
      'adapters/worker-heartbeats/table-worker-heartbeats.ts',
    ].flatMap((path) => {
      const text = readRepoFile(path);
      const list = /const TABLES = \[([^\]]*)\]/.exec(text)?.[1];
      expect(list, path).toBeDefined();
      return [...list!.matchAll(/'([^']+)'/g)].map((m) => m[1]!);
    });
    const duplicates = /tableName \?\? '([^']+)'/.exec(readRepoFile('adapters/duplicate-index/table-duplicate-index.ts'))?.[1];
    expect(duplicates).toBeDefined();
    expect(arrayVar('tables').sort()).toEqual([...inCode, duplicates!].sort());
  });

  it("the blob containers: every container the code writes to, the Event Grid dead-letter one, and the deployment package's", () => {
    const inCode = new Set<string>();
    for (const path of appSources()) for (const m of readRepoFile(path).matchAll(/`([a-z][a-z0-9-]{2,62})\/\$\{/g)) inCode.add(m[1]!);
    // The local Event Grid's dead-letter container; Azure's subscription dead-letters to the same name.
    const deadLetter = /\.default\('([a-z0-9-]+)'\)/.exec(readRepoFile('infra/local/host/event-grid-extension.ts'))?.[1];
    expect(deadLetter).toBeDefined();
    inCode.add(deadLetter!);
    const template = Object.fromEntries((varObjectEntries(main, 'containers') ?? []).map(([k, v]) => [k, unquote(v)]));
    const { deployment, ...written } = template;
    expect(deployment).toBeDefined();
    expect(Object.values(written).sort()).toEqual([...inCode].sort());
    expect(template.eventGridDeadLetter).toBe(deadLetter);
    expect(args('storage').containers).toMatch(/containers\.originals.*containers\.deployment/);
  });

  it('the lifecycle rules match the originals, retained originals and dead-letter containers', () => {
    const storage = args('storage');
    expect(storage.originalsContainer).toBe('containers.originals');
    expect(storage.retentionContainer).toBe('containers.retention');
    expect(storage.deadLetterContainer).toBe('containers.eventGridDeadLetter');
    // The originals live at incoming/{submissionId}/{fileId} (contracts/submission.ts).
    expect(readRepoFile('contracts/submission.ts')).toContain('`incoming/{submissionId}/{fileId}`');
    const rules = modules.get('modules/storage.bicep')!.text;
    for (const param of ['originalsContainer', 'retentionContainer', 'deadLetterContainer'])
      expect(rules).toContain(`prefixMatch: ['\${${param}}/']`);
  });

  it('the Event Grid subscription: the one local.eventgrid.json declares, to the function the code registers', () => {
    const local = JSON.parse(readRepoFile('local.eventgrid.json')) as {
      topics: Record<
        string,
        { subscriptions: { name: string; destination: { functionName: string }; filter: { includedEventTypes: string[] } }[] }
      >;
    };
    const [subscription] = Object.values(local.topics).flatMap((t) => t.subscriptions);
    // The postdeploy hooks make it, once the functions are indexed.
    for (const script of ['subscribe-events.sh', 'subscribe-events.ps1']) {
      const hook = readRepoFile(`infra/azure/scripts/${script}`);
      expect(hook).toMatch(new RegExp(`subscription_?[nN]ame ?= ?'${subscription!.name}'`));
      expect(hook).toMatch(new RegExp(`function_?[nN]ame ?= ?'?${subscription!.destination.functionName}'?`));
      expect(hook).toContain(`'["${SUBMISSION_RECEIVED}"]'`);
    }
    expect(subscription!.filter.includedEventTypes).toEqual([SUBMISSION_RECEIVED]);
    expect(readRepoFile('orchestrator/start-submission.ts')).toContain(`app.eventGrid('${subscription!.destination.functionName}'`);
    expect(main.text).toContain('output NEWSDESK_EVENTGRID_DEADLETTER_CONTAINER string = containers.eventGridDeadLetter');
  });

  it('the Event Grid schema: CloudEvents 1.0, as the publisher sends', () => {
    expect(readRepoFile('adapters/event-publisher/event-grid-event-publisher.ts')).toContain(
      "EventGridPublisherClient(endpoint, 'CloudEvent'",
    );
    expect(modules.get('modules/eventgrid.bicep')!.text).toContain("inputSchema: 'CloudEventSchemaV1_0'");
    expect(modules.get('modules/eventgrid-subscription.bicep')!.text).toContain("eventDeliverySchema: 'CloudEventSchemaV1_0'");
  });

  it('the Service Bus queue: lock as long as the workers ask for, a backstop above their own dead-lettering', () => {
    const worker = loadWorkerConfig({ AzureWebJobsStorage: 'x' });
    expect(paramDefault(main, 'workerLockDuration')).toBe(`PT${worker.lockSeconds / 60}M`);
    expect(Number(paramDefault(main, 'serviceBusMaxDeliveryCount'))).toBeGreaterThan(worker.maxDeliveries);
    const queue = modules.get('modules/servicebus.bicep')!.text;
    for (const property of ['deadLetteringOnMessageExpiration: true', 'requiresDuplicateDetection: true', 'lockDuration: lockDuration'])
      expect(queue).toContain(property);
    // Duplicate detection keys on messageId, which the adapter sets to the job id.
    expect(readRepoFile('adapters/job-queue/service-bus-job-queue.ts')).toContain('messageId: options.messageId');
  });

  it('the images: the ones the postprovision hook builds from workers/Dockerfile and classifier/Dockerfile', () => {
    const hook = readRepoFile('infra/azure/scripts/build-images.sh');
    const images = Object.fromEntries(varObjectEntries(main, 'images')!.map(([k, v]) => [k, unquote(v)]));
    expect(images.worker).toBe(/NEWSDESK_WORKER_IMAGE:-([\w-]+)/.exec(hook)![1]);
    expect(images.classifier).toBe(/NEWSDESK_CLASSIFIER_IMAGE:-([\w-]+)/.exec(hook)![1]);
    expect(hook).toMatch(/build "\$worker" workers\/Dockerfile/);
    expect(hook).toMatch(/build "\$classifier" classifier\/Dockerfile/);
  });
});
