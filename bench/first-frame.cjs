// Runs the built CLI in this process, as bin/finagg.js does, and records when the
// dashboard's first frame reaches stdout, in milliseconds since the process started
// (performance.now() counts from there), so the benchmark times start to first frame and
// not the exit after it.
const { writeFileSync } = require('node:fs');

const out = process.env.FINAGG_BENCH_FRAME_FILE;
let at;
const write = process.stdout.write.bind(process.stdout);
process.stdout.write = (chunk, ...rest) => {
  if (at === undefined && String(chunk).includes('Transactions')) at = performance.now();
  return write(chunk, ...rest);
};
process.on('exit', () => {
  if (out) writeFileSync(out, String(at ?? -1));
});
require('../dist/cli.js').main();
