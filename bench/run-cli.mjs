// Runs the built CLI in this process and reports its peak memory on exit, so the
// benchmark can measure a whole command's peak RSS without a platform `time` tool.
import { writeFileSync } from 'node:fs';

const out = process.env.FINAGG_BENCH_RSS_FILE;
process.on('exit', () => {
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS)); // kilobytes
});
const cli = await import('../dist/cli.js');
await cli.main();
