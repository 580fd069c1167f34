// Whole-process start-up of the CLI against `node -e 0`, measured in the same run and
// interleaved so that machine noise hits both alike. Prints medians and the ratio.
// Usage: node scripts/bench-startup.mjs [runs] [-- finagg args...]   (--json for data)
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dash = args.indexOf('--');
const runs = Number(args.find((a) => /^\d+$/.test(a)) ?? 15);
const finaggArgs = dash >= 0 ? args.slice(dash + 1) : ['--version'];
const bin = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'finagg.js');
const env = { ...process.env, FINAGG_HOME: process.env.FINAGG_HOME ?? mkdtempSync(path.join(tmpdir(), 'finagg-bench-')) };

function time(argv) {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, argv, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const node = [];
const finagg = [];
time(['-e', '0']); // warm the file cache for both
time([bin, ...finaggArgs]);
for (let i = 0; i < runs; i++) {
  node.push(time(['-e', '0']));
  finagg.push(time([bin, ...finaggArgs]));
}
const result = {
  command: `finagg ${finaggArgs.join(' ')}`,
  runs,
  node_ms: Number(median(node).toFixed(1)),
  finagg_ms: Number(median(finagg).toFixed(1)),
  ratio: Number((median(finagg) / median(node)).toFixed(2)),
};
if (json) console.log(JSON.stringify(result));
else
  console.log(
    `${result.command}: ${result.finagg_ms} ms, node -e 0: ${result.node_ms} ms, ratio ${result.ratio}x (median of ${runs})`,
  );
