import type { Command } from 'commander';
import { example, type CommandContext } from './command-context.js';

export function registerCancel(program: Command, ctx: CommandContext): void {
  program
    .command('cancel')
    .description('cancel a submission still in flight (its files and results are removed)')
    .argument('<id>', 'the submission id')
    .addHelpText('after', example('newsdesk cancel s0123456789abcdef'))
    .action(async (id: string, _options: unknown, command: Command) => {
      const answer = await (
        await ctx.api(command)
      ).json<{ submissionId: string; status: string }>('DELETE', `/submissions/${encodeURIComponent(id)}`);
      ctx.io.out(`${answer.submissionId} ${answer.status}\n`);
    });
}
