import { CommanderError } from 'commander';
import { CliError } from './cli-error.js';
import { commandContext } from './commands/command-context.js';
import { errorLine } from './error-line.js';
import type { CliIo } from './io.js';
import { createProgram } from './program.js';

/** Runs `newsdesk` with the arguments (after the program name) and answers its exit code; it never throws. */
export async function run(args: readonly string[], io: CliIo): Promise<number> {
  let code = 0;
  const program = createProgram(commandContext(io, (c) => (code = c)));
  try {
    await program.parseAsync(args, { from: 'user' });
    return code;
  } catch (error) {
    // Commander printed its own one-line complaint (or the help) already.
    if (error instanceof CommanderError) return error.exitCode;
    io.err(`${errorLine(error)}\n`);
    return error instanceof CliError ? error.exitCode : 1;
  }
}
