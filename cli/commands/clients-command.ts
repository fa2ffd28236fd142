import { InvalidArgumentError, type Command } from 'commander';
import { example, type CommandContext } from './command-context.js';

interface ClientView {
  clientId: string;
  name: string;
  defaultWebhookUrl: string | null;
  mailSenders: string[];
  rateLimitPerMinute: number;
  apiKeys: { expiresAt: string | null }[];
}

const perMinute = (value: string): number => {
  if (!/^[0-9]{1,6}$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('Requests a minute: a whole number, 1 or more.');
  return Number(value);
};
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];
const print = (ctx: CommandContext, json: boolean | undefined, answer: unknown, lines: string[]) =>
  ctx.io.out(json ? `${JSON.stringify(answer, null, 2)}\n` : lines.map((l) => `${l}\n`).join(''));
const ONCE = 'Shown this once: store it now.';

/** `newsdesk clients …`: the admin API (`/api/manage/clients`) with the admin key. New keys and secrets are printed once. */
export function registerClients(program: Command, ctx: CommandContext): void {
  const clients = program
    .command('clients')
    .description('manage clients with the admin key: add, list, rotate-key, rotate-secret')
    .option('--admin-key <key>', 'the admin key (default: NEWSDESK_ADMIN_KEY or "adminKey" in the config file)')
    .addHelpText(
      'after',
      example('NEWSDESK_ADMIN_KEY=… newsdesk clients add --name "Reuters desk" --webhook https://hooks.example/newsdesk'),
    );

  clients
    .command('add')
    .description('create a client; prints its API key and webhook signing secret, this once')
    .requiredOption('--name <name>', "the client's name")
    .option('--webhook <url>', 'its default webhook')
    .option('--mail-sender <address>', 'an e-mail address it submits from (repeatable)', collect)
    .option('--rate-limit <n>', 'requests a minute', perMinute)
    .option('--json', 'print the answer as JSON')
    .addHelpText(
      'after',
      example('newsdesk clients add --name "Reuters desk" --webhook https://hooks.example/newsdesk --mail-sender desk@reuters.example'),
    )
    .action(async (o: { name: string; webhook?: string; mailSender?: string[]; rateLimit?: number; json?: boolean }, command: Command) => {
      const body = {
        name: o.name,
        ...(o.webhook === undefined ? {} : { defaultWebhookUrl: o.webhook }),
        ...(o.mailSender === undefined ? {} : { mailSenders: o.mailSender }),
        ...(o.rateLimit === undefined ? {} : { rateLimitPerMinute: o.rateLimit }),
      };
      const made = await (
        await ctx.adminApi(command)
      ).json<ClientView & { apiKey: string; webhookSecret: string }>('POST', '/manage/clients', body);
      print(ctx, o.json, made, [
        `Client ${made.clientId} (${made.name})`,
        `API key:        ${made.apiKey}`,
        `Webhook secret: ${made.webhookSecret}`,
      ]);
      if (!o.json) ctx.io.err(`${ONCE}\n`);
    });

  clients
    .command('list')
    .description('list the clients (never their keys or secrets)')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', example('newsdesk clients list'))
    .action(async (o: { json?: boolean }, command: Command) => {
      const list = await (await ctx.adminApi(command)).json<{ clients: ClientView[] }>('GET', '/manage/clients');
      const lines = list.clients.map(
        (c) =>
          `${c.clientId}  ${c.name}  ${c.defaultWebhookUrl ?? '(no default webhook)'}  ${c.apiKeys.length} key(s)  ${c.rateLimitPerMinute}/min`,
      );
      print(ctx, o.json, list, lines.length ? lines : ['No clients.']);
    });

  clients
    .command('rotate-key')
    .description('a new API key for the client, printed once; the old one keeps working for the overlap')
    .argument('<clientId>', 'the client')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', example('newsdesk clients rotate-key c0123456789abcdef'))
    .action(async (id: string, o: { json?: boolean }, command: Command) => {
      const path = `/manage/clients/${encodeURIComponent(id)}/keys:rotate`;
      const r = await (await ctx.adminApi(command)).json<{ apiKey: string; previousKeyExpiresAt: string | null }>('POST', path);
      print(ctx, o.json, r, [
        `API key: ${r.apiKey}`,
        ...(r.previousKeyExpiresAt ? [`The previous key works until ${r.previousKeyExpiresAt}.`] : []),
      ]);
      if (!o.json) ctx.io.err(`${ONCE}\n`);
    });

  clients
    .command('rotate-secret')
    .description('a new webhook signing secret, printed once; deliveries carry both signatures for the overlap')
    .argument('<clientId>', 'the client')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', example('newsdesk clients rotate-secret c0123456789abcdef'))
    .action(async (id: string, o: { json?: boolean }, command: Command) => {
      const path = `/manage/clients/${encodeURIComponent(id)}/webhook-secret:rotate`;
      const r = await (await ctx.adminApi(command)).json<{ webhookSecret: string; previousSecretExpiresAt: string }>('POST', path);
      print(ctx, o.json, r, [
        `Webhook secret: ${r.webhookSecret}`,
        `Deliveries are signed with the previous one too until ${r.previousSecretExpiresAt}.`,
      ]);
      if (!o.json) ctx.io.err(`${ONCE}\n`);
    });
}
