// Runs the built CLI in this process and reports its peak memory on exit, so the
// benchmark can measure a whole command's peak RSS without a platform `time` tool.
//
// With FINAGG_BENCH_PRELOAD_FILE it first loads every chunk of the CLI and writes how long
// that took: the command then runs with all of its code loaded and its modules evaluated,
// which is the most any start-up technique (a V8 snapshot, a code cache, one bundle) could
// take off it. What is left is Node's own start and the command's work in a cold process.
import { readdirSync, writeFileSync } from 'node:fs';

const out = process.env.FINAGG_BENCH_RSS_FILE;
process.on('exit', () => {
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS)); // kilobytes
});
const preload = process.env.FINAGG_BENCH_PRELOAD_FILE;
const start = performance.now();
const cli = await import('../dist/cli.js');
if (preload) {
  const chunks = new URL('../dist/chunks/', import.meta.url);
  // Not the dashboard's (Ink, React and yoga's WebAssembly, whose compiling on background
  // threads would take a core from the sync), nor React DevTools' (a package not shipped).
  const wanted = (n) => n.endsWith('.js') && !/^(run-dashboard|devtools)-/.test(n);
  for (const name of readdirSync(chunks).filter(wanted)) await import(new URL(name, chunks).href);
  writeFileSync(preload, String(performance.now() - start));
}
await cli.main();
