#!/usr/bin/env node
// `local-functions-host --app DIR`: the built CLI (run `npm run build` first), as `func start` for one app folder.
import '../dist/host/cli.js';
