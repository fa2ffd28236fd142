#!/usr/bin/env node
import { homedir } from 'node:os';
import { run } from './run.js';

// The `newsdesk` command (package.json "bin"): the real streams and environment around run().
process.exitCode = await run(process.argv.slice(2), {
  env: process.env,
  home: homedir(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  progress: process.stderr,
  stdin: process.stdin,
});
