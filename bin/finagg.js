#!/usr/bin/env node
'use strict';
// Launcher only: the CLI is the bundle that `npm install` builds (scripts/build.mjs),
// CommonJS like this file (bin/package.json), so that no ES module loader starts.
let cli;
try {
  cli = require('../dist/cli.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
    process.stderr.write('finagg: the CLI is not built (run: npm run build)\n');
  } else {
    process.stderr.write(`finagg: ${error && error.message ? error.message : error}\n`);
  }
  process.exitCode = 1;
}
if (cli) cli.main();
