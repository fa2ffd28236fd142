import type { Command } from 'commander';
import { example, type CommandContext } from './command-context.js';

interface Deliveries {
  attempts: { deliveryId: string; attempt: number; at: string; outcome: string; status?: number; latencyMs: number; error?: string }[];
  deadLetter: { deliveryId: string; reason: string; at: string } | null;
}

export function registerDeliveries(program: Command, ctx: CommandContext): void {
  program
    .command('deliveries')
    .description("list a submission's webhook deliveries; --replay sends its summary again")
    .argument('<id>', 'the submission id')
    .option('--replay', 'send the summary again, with a new delivery id')
    .option('--json', 'print the answer as JSON')
    .addHelpText('after', example('newsdesk deliveries s0123456789abcdef', 'newsdesk deliveries s0123456789abcdef --replay'))
    .action(async (id: string, options: { replay?: boolean; json?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      const path = `/submissions/${encodeURIComponent(id)}/deliveries`;
      if (options.replay) {
        const replay = await api.json<{ deliveryId: string }>('POST', `${path}/replay`);
        ctx.io.out(options.json ? `${JSON.stringify(replay, null, 2)}\n` : `Replaying as delivery ${replay.deliveryId}\n`);
        return;
      }
      const list = await api.json<Deliveries>('GET', path);
      if (options.json) return ctx.io.out(`${JSON.stringify(list, null, 2)}\n`);
      for (const a of list.attempts) {
        const answer = a.status ? `HTTP ${a.status}` : (a.error ?? 'no answer');
        ctx.io.out(`${a.at}  ${a.deliveryId} #${a.attempt}  ${a.outcome}  ${answer}  ${a.latencyMs} ms\n`);
      }
      if (list.attempts.length === 0) ctx.io.out('No deliveries yet.\n');
      if (list.deadLetter) ctx.io.out(`Dead-lettered ${list.deadLetter.at}: ${list.deadLetter.reason}\n`);
    });
}
