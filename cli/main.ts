#!/usr/bin/env node
import { homedir } from 'node:os';
import { run } from './run.js';

// A reader that went away (`newsdesk watch | head -1`) ends the command quietly, as it ends other Unix tools.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

// The `newsdesk` command (package.json "bin", through bin/newsdesk.js): the real streams and environment around run().
process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  home: homedir(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: process.stderr,
  stdin: process.stdin,
  interrupted: () => {
    const controller = new AbortController();
    // Once: a second Ctrl-C, should the first not end it, stops the process as usual.
    process.once('SIGINT', () => controller.abort());
    return controller.signal;
  },
});
