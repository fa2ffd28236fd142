import { readFile } from 'node:fs/promises';
import { text } from 'node:stream/consumers';
import { InvalidArgumentError, type Command } from 'commander';
import { CliError } from '../cli-error.js';
import { verifyDelivery } from '../verify/verify-delivery.js';
import { example, type CommandContext } from './command-context.js';

const seconds = (value: string): number => {
  if (!/^[0-9]{1,9}$/.test(value)) throw new InvalidArgumentError('Whole seconds, like 300.');
  return Number(value);
};

export function registerVerify(program: Command, ctx: CommandContext): void {
  program
    .command('verify')
    .description('check the signature of a saved delivery ({headers, body} JSON, from FILE or stdin): exit 0 valid, 1 invalid')
    .argument('[file]', 'the saved delivery (default: stdin)')
    .requiredOption('--secret <secret>', "the client's webhook signing secret")
    .option('--tolerance <seconds>', 'how far the signature time may be from when it was received', seconds, 300)
    .addHelpText('after', example('curl -s http://127.0.0.1:7074/deliveries | jq .[0] | newsdesk verify --secret "$SECRET"'))
    .action(async (file: string | undefined, options: { secret: string; tolerance: number }) => {
      const source = file ?? 'stdin';
      const input = await (file === undefined ? text(ctx.io.stdin) : readFile(file, 'utf8')).catch((error: Error) => {
        throw new CliError(`Cannot read ${source}: ${error.message}`);
      });
      let delivery: unknown;
      try {
        delivery = JSON.parse(input);
      } catch {
        throw new CliError(`${source} is not JSON: a delivery is {"headers": …, "body": …}.`);
      }
      const valid = verifyDelivery(delivery, options.secret, options.tolerance);
      ctx.io.out(valid ? 'valid\n' : 'invalid\n');
      ctx.exit(valid ? 0 : 1);
    });
}
