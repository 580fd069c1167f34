#!/usr/bin/env node
// Launcher only: the CLI is the bundle that `npm install` builds (scripts/build.mjs).
import('../dist/cli.js').then(
  (cli) => cli.main(),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/cli.js')) {
      process.stderr.write('finagg: the CLI is not built (run: npm run build)\n');
    } else {
      process.stderr.write(`finagg: ${error && error.message ? error.message : error}\n`);
    }
    process.exitCode = 1;
  },
);
