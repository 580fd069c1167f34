// Measures how long the simulated banks take to generate, serve and normalize their whole
// history window, page by page, as a first sync would read it (no database). Not a test:
// timings depend on the machine. Usage:
//   node scripts/sim-throughput.mjs [days=3650] [daily=243]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const [days = '3650', daily = '243'] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'finagg-sim-'));
const entry = `
import { createProviders } from ${JSON.stringify(join(root, 'src/providers/registry.ts'))};
const token = 'token';
const authorization = {
  authorizeEndpoint: '', authorize: async () => '', token: async () => { throw new Error('unused'); }, revoke: async () => {},
  verifyAccessToken: async () => ({ scopes: ['accounts:read', 'transactions:read'] }),
};
const clock = { nowMs: () => Date.parse('2025-03-10T15:00:00Z'), sleep: async () => {} };
const env = { FINAGG_SIM_HISTORY_DAYS: ${JSON.stringify(days)}, FINAGG_SIM_DAILY: ${JSON.stringify(daily)} };
const started = performance.now();
let records = 0, pages = 0, normalizeMs = 0;
for (const provider of createProviders({ seed: 42, clock, env, authorizationFor: () => authorization }).values()) {
  const bankStarted = performance.now();
  let bankRecords = 0;
  for (const raw of await provider.fetchAccounts(token)) {
    const account = provider.normalizeAccount(raw);
    let cursor = null;
    for (;;) {
      const page = await provider.fetchTransactions(token, { accountId: account.providerAccountId, cursor, since: '1900-01-01' });
      pages++;
      const normalizeStarted = performance.now();
      for (const record of page.added) provider.normalizeTransaction(record);
      normalizeMs += performance.now() - normalizeStarted;
      bankRecords += page.added.length;
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
  }
  records += bankRecords;
  console.log(provider.id.padEnd(6), String(bankRecords).padStart(8), 'records', (performance.now() - bankStarted).toFixed(0).padStart(6), 'ms');
}
const ms = performance.now() - started;
console.log('total ', String(records).padStart(8), 'records', ms.toFixed(0).padStart(6), 'ms', pages, 'pages', Math.round(records / (ms / 1000)), 'records/s');
console.log('of which normalizing', normalizeMs.toFixed(0), 'ms');
`;
try {
  writeFileSync(join(dir, 'entry.ts'), entry);
  await build({
    entryPoints: [join(dir, 'entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: join(dir, 'run.mjs'),
    logLevel: 'warning',
  });
  await import(join(dir, 'run.mjs'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
