// Runs the built CLI in this process, as bin/finagg.js does, and reports its peak memory
// on exit, so the benchmark can measure a whole command's peak RSS without a platform
// `time` tool.
//
// With FINAGG_BENCH_PRELOAD_FILE it first loads every chunk of the CLI and writes how long
// that took: the command then runs with all of its code loaded and its modules evaluated,
// which is the most any start-up technique (a V8 snapshot, a code cache, one bundle) could
// take off it. What is left is Node's own start and the command's work in a cold process.
const { readdirSync, writeFileSync } = require('node:fs');
const path = require('node:path');

const out = process.env.FINAGG_BENCH_RSS_FILE;
process.on('exit', () => {
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS)); // kilobytes
});
const preload = process.env.FINAGG_BENCH_PRELOAD_FILE;
const start = performance.now();
const cli = require('../dist/cli.js');
if (preload) {
  const chunks = path.join(__dirname, '..', 'dist', 'chunks');
  // The CommonJS chunks: not the dashboard's ES modules (Ink, React and yoga's WebAssembly,
  // whose compiling on background threads would take a core from the sync), nor React
  // DevTools' (a package not shipped).
  const wanted = (n) => n.endsWith('.js') && !n.startsWith('devtools-');
  for (const name of readdirSync(chunks).filter(wanted)) require(path.join(chunks, name));
  writeFileSync(preload, String(performance.now() - start));
}
cli.main();
