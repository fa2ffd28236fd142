import type { Command } from 'commander';
import { followRows } from '../watch/follow-rows.js';
import { watchLine } from '../watch/watch-line.js';
import { example, type CommandContext } from './command-context.js';

export function registerWatch(program: Command, ctx: CommandContext): void {
  program
    .command('watch')
    .description("follow all of the client's submissions live: one line for each new one and each change, until Ctrl-C")
    .option('--json', 'print each submission row as one JSON line')
    .addHelpText('after', example('newsdesk watch', 'newsdesk watch --json | jq -r .status'))
    .action(async (options: { json?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      // Ctrl-C ends the watch and the command with 0: watching has no other way to end.
      const interrupted = ctx.io.interrupted();
      for await (const row of followRows(api, (text) => ctx.io.err(text), interrupted)) {
        ctx.io.out(`${options.json ? JSON.stringify(row) : watchLine(row)}\n`);
      }
    });
}
