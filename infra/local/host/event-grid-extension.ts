import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BlobServiceClient } from '@azure/storage-blob';
import { z } from 'zod';
import { BlobDeadLetterSink, createEventGridTopic, parseSubscriptions } from '../eventgrid/index.js';
import type { EventGridTopic } from '../eventgrid/index.js';
import type { ExtensionContext } from './extension-context.js';
import { describeIssues } from '../describe-issues.js';

/** `local.eventgrid.json` in the app folder: the local topics and their subscriptions. */
const configSchema = z.strictObject({
  topics: z.record(
    z.string().regex(/^[A-Za-z0-9-]{3,50}$/, 'topic names are 3-50 letters, digits or hyphens'),
    z.strictObject({ subscriptions: z.array(z.unknown()) }),
  ),
  retry: z
    .strictObject({
      maxDeliveryAttempts: z.number().int().positive().optional(),
      initialDelayMs: z.number().positive().optional(),
      maxDelayMs: z.number().positive().optional(),
      eventTimeToLiveMs: z.number().positive().optional(),
    })
    .optional(),
  deadLetterContainer: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9])$/)
    .default('eventgrid-deadletter'),
});

export const EVENTGRID_CONFIG = 'local.eventgrid.json';

export interface EventGridExtension {
  topics: { name: string; endpoint: string; key: string }[];
  handle(req: IncomingMessage, res: ServerResponse, topic: string): Promise<boolean>;
  stop(): Promise<void>;
}

/** Topic keys persist under the data folder; NEWSDESK_EVENTGRID_TOPIC_KEY fixes them for scripts and tests. */
function topicKey(dataDir: string, topic: string): string {
  const fixed = process.env.NEWSDESK_EVENTGRID_TOPIC_KEY;
  if (fixed) return fixed;
  const file = join(dataDir, 'eventgrid-topic-keys.json');
  const keys = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  if (!keys[topic]) {
    keys[topic] = randomBytes(32).toString('base64');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  }
  return keys[topic]!;
}

export async function startEventGrid(ctx: ExtensionContext): Promise<EventGridExtension | undefined> {
  const file = join(ctx.appDir, EVENTGRID_CONFIG);
  if (!existsSync(file)) return undefined;
  const parsed = configSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error.issues).join('; ')}`);
  const config = parsed.data;
  const storage = process.env.AzureWebJobsStorage;
  if (!storage) throw new Error(`${file} declares Event Grid topics, whose dead-letters go to Blob Storage: set AzureWebJobsStorage.`);
  const container = BlobServiceClient.fromConnectionString(storage).getContainerClient(config.deadLetterContainer);
  const deadLetter = new BlobDeadLetterSink(container);
  const eventGridFunctions = new Set(ctx.registrations.filter((r) => r.trigger.type === 'eventGridTrigger').map((r) => r.name));
  const topics = new Map<string, EventGridTopic>();
  const described: EventGridExtension['topics'] = [];
  for (const [name, topic] of Object.entries(config.topics)) {
    const subscriptions = parseSubscriptions({ subscriptions: topic.subscriptions }, `${file} (topic ${name})`);
    for (const s of subscriptions) {
      if (s.destination.type === 'function' && !eventGridFunctions.has(s.destination.functionName)) {
        throw new Error(
          `${file}: subscription '${s.name}' delivers to '${s.destination.functionName}', which is not an eventGridTrigger function of this app.`,
        );
      }
    }
    const key = topicKey(ctx.dataDir, name);
    const instance = createEventGridTopic({
      topicName: name,
      key,
      subscriptions,
      deadLetter,
      store: join(ctx.dataDir, 'eventgrid', `${name}.sqlite`),
      retry: config.retry,
      logger: ctx.logger,
      deliverToFunction: async (functionName, event) => {
        await ctx.invokeJson(functionName, JSON.stringify(event));
      },
    });
    mkdirSync(join(ctx.dataDir, 'eventgrid'), { recursive: true });
    instance.start();
    topics.set(name, instance);
    described.push({ name, endpoint: `${ctx.origin}/runtime/eventgrid/topics/${name}/api/events`, key });
  }
  return {
    topics: described,
    async handle(req, res, topic) {
      const instance = topics.get(topic);
      if (!instance) {
        req.resume();
        res
          .writeHead(404, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: { code: 'NotFound', message: `No topic '${topic}'.` } }));
        return true;
      }
      await instance.handle(req, res);
      return true;
    },
    async stop() {
      await Promise.all([...topics.values()].map((t) => t.close()));
    },
  };
}
