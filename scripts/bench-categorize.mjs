// Times the built-in categorizer over a million generated statement lines (bench/categorize.ts)
// against a loop that only upper-cases them. Not a test: timings depend on the machine.
// `npm run bench` reports the same figure. Usage: node scripts/bench-categorize.mjs [count=1000000]
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const [count = '1000000'] = process.argv.slice(2);
const root = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'finagg-categorize-'));
const entry = `
import { benchCategorize } from ${JSON.stringify(join(root, 'bench/categorize.ts'))};
const r = benchCategorize(${JSON.stringify(join(root, 'fixtures/descriptors.tsv'))}, ${Number(count)});
console.log(\`categorize \${r.count.toLocaleString('en-US')} descriptors: \${r.ms.toFixed(0)} ms (\${Math.round((r.count / r.ms) * 1000).toLocaleString('en-US')}/s), \` +
  \`upper-case loop \${r.referenceMs.toFixed(0)} ms, ratio \${(r.ms / r.referenceMs).toFixed(1)}x; \${(r.categorized * 100).toFixed(1)}% categorized\`);
`;
try {
  writeFileSync(join(dir, 'entry.ts'), entry);
  await build({
    entryPoints: [join(dir, 'entry.ts')],
    outfile: join(dir, 'bench.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await import(join(dir, 'bench.mjs'));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
