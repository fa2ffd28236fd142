import type { Command } from 'commander';
import type { SubmissionView } from '../http/submission-view.js';
import { printView } from '../print-view.js';
import { example, type CommandContext } from './command-context.js';

export function registerStatus(program: Command, ctx: CommandContext): void {
  program
    .command('status')
    .description("show a submission: its state and each file's")
    .argument('<id>', 'the submission id')
    .option('--json', 'print the submission as JSON')
    .addHelpText('after', example('newsdesk status s0123456789abcdef'))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      const view = await (await ctx.api(command)).json<SubmissionView>('GET', `/submissions/${encodeURIComponent(id)}`);
      ctx.io.out(options.json ? `${JSON.stringify(view, null, 2)}\n` : printView(view));
    });
}
