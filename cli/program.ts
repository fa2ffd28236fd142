import { Command } from 'commander';
import { registerCancel } from './commands/cancel-command.js';
import { registerClients } from './commands/clients-command.js';
import { example, type CommandContext } from './commands/command-context.js';
import { registerDeliveries } from './commands/deliveries-command.js';
import { registerResults } from './commands/results-command.js';
import { registerStatus } from './commands/status-command.js';
import { registerSubmit } from './commands/submit-command.js';
import { registerVerify } from './commands/verify-command.js';
import { registerWatch } from './commands/watch-command.js';

/**
 * The `newsdesk` program. Settings shared by every command come first (flags here, else NEWSDESK_URL and
 * NEWSDESK_API_KEY, else the config file). Commander's own complaints stay on one line, and end in a CommanderError
 * rather than process.exit, so run() decides the exit code.
 */
export function createProgram(ctx: CommandContext): Command {
  const program = new Command('newsdesk')
    .description('Send media to Newsdesk and follow, fetch and check the results.')
    .option('--url <url>', 'the API (default: NEWSDESK_URL, the config file, or http://127.0.0.1:7071)')
    .option('--api-key <key>', 'the client API key (default: NEWSDESK_API_KEY or the config file)')
    .option('--config <file>', 'the config file (default: $XDG_CONFIG_HOME/newsdesk/config.json or ~/.config/newsdesk/config.json)')
    .exitOverride()
    .showSuggestionAfterError(false)
    .configureOutput({ writeOut: (s) => ctx.io.out(s), writeErr: (s) => ctx.io.err(s) })
    .addHelpText('after', example('NEWSDESK_API_KEY=… newsdesk submit photo.jpg --wait'));
  for (const register of [
    registerSubmit,
    registerStatus,
    registerWatch,
    registerCancel,
    registerDeliveries,
    registerResults,
    registerVerify,
    registerClients,
  ]) {
    register(program, ctx);
  }
  return program;
}
