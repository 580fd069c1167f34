// Runs a command with its output passed through, and writes its peak memory (KB) to the
// file named first. Node cannot read a child's rusage, so this samples the child's
// high-water mark (VmHWM in /proc, Linux) every few milliseconds until it exits; the
// mark only rises, so the last sample is the peak but for the final few milliseconds.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [out, cmd, ...args] = process.argv.slice(2);
const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let peak = 0;
const sample = () => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peak = Math.max(peak, Number(m[1]));
  } catch {
    // Gone already, or not Linux: the peak stays what was seen (0 when nothing was).
  }
};
const timer = setInterval(sample, 5);
child.on('error', (error) => {
  clearInterval(timer);
  process.stderr.write(`${error.message}\n`);
  process.exit(127);
});
child.on('exit', (code, signal) => {
  clearInterval(timer);
  writeFileSync(out, String(peak));
  process.exit(code ?? (signal ? 1 : 0));
});
