// Bundles the CLI into dist/ so that it starts nearly as fast as Node itself (see the
// Start-up section of DESIGN.md). Native modules stay external; code that only some
// commands need (the dashboard) is split into chunks loaded on demand.
import { readFileSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // The sync's worker threads (src/app/sync-worker) are their own entries, sharing the CLI's chunks.
  entryPoints: {
    cli: 'src/cli/main.ts',
    'sync-worker': 'src/app/sync-worker/worker-main.ts',
    'wal-checkpointer': 'src/app/sync-worker/checkpointer-main.ts',
  },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Ink imports react-devtools-core only when DEV=true, for React DevTools; not shipped.
  external: ['better-sqlite3', '@napi-rs/keyring', 'react-devtools-core'],
  define: { __FINAGG_VERSION__: JSON.stringify(pkg.version), 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies call require() for Node built-ins; give the ESM bundle one.
  banner: {
    js: "import { createRequire as __finaggCreateRequire } from 'node:module'; const require = __finaggCreateRequire(import.meta.url);",
  },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  minify: true,
  keepNames: true,
  sourcemap: 'linked',
  logLevel: 'warning',
  metafile: false,
});

// The local test servers (`npm run simplefin-server`, `npm run enablebanking-server`): dev
// tools, each bundled on its own so that nothing of them (nor their certificate library)
// reaches the CLI bundle.
for (const server of ['simplefin-server', 'enablebanking-server']) {
  await build({
    entryPoints: { [server]: `src/devtools/${server}/main.ts` },
    outdir: 'dist',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: {
      js: "import { createRequire as __finaggCreateRequire } from 'node:module'; const require = __finaggCreateRequire(import.meta.url);",
    },
    legalComments: 'none',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}
