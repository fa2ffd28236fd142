#!/usr/bin/env node
// The `newsdesk` command (package.json "bin"): runs the built command line, dist/cli/main.js. A fresh clone has no
// dist/ until the build has run (`npm install` runs it, as "prepare"; `--ignore-scripts` skips it): then this says
// what to do in one line, rather than failing with a module-not-found stack trace.
import { existsSync } from 'node:fs';

const main = new URL('../dist/cli/main.js', import.meta.url);
if (existsSync(main)) {
  await import(main.href);
} else {
  process.stderr.write('newsdesk: the command line is not built yet: run `npm run build` in the repository, then try again.\n');
  process.exitCode = 1;
}
