import { InvalidArgumentError, type Command } from 'commander';
import { watchSubmissions } from '../watch/watch-submissions.js';
import { example, type CommandContext } from './command-context.js';

const count = (value: string): number => {
  if (!/^[0-9]{1,3}$/.test(value) || Number(value) > 50) throw new InvalidArgumentError('A whole number from 0 to 50.');
  return Number(value);
};

export function registerWatch(program: Command, ctx: CommandContext): void {
  program
    .command('watch')
    .description("follow all of the client's submissions live: one line for each new one and each change, until Ctrl-C")
    .option('--recent <n>', 'how many of the newest submissions to show first (0 to 50)', count, 10)
    .option('--json', 'print each line as a JSON object')
    .addHelpText('after', example('newsdesk watch', 'newsdesk watch --recent 0 --json | jq -r .status'))
    .action(async (options: { recent: number; json?: boolean }, command: Command) => {
      const api = await ctx.api(command);
      ctx.io.err('Watching submissions (Ctrl-C to stop)…\n');
      for await (const row of watchSubmissions(api, 1000, options.recent)) {
        const time = new Date().toISOString().slice(11, 19);
        const line = `${time}  ${row.status.padEnd(10)}  ${row.submissionId}  ${row.done}/${row.total}${row.reference ? `  ${row.reference}` : ''}`;
        ctx.io.out(options.json ? `${JSON.stringify(row)}\n` : `${line}\n`);
      }
    });
}
