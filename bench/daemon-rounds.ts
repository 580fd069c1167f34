import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The daemon as it runs: one warm process on the bench's home, its rounds two seconds
 * apart while its clock runs `rate` times faster than real time (FINAGG_CLOCK_RATE), so
 * each round finds the household's new rows of the minutes that passed. The figures are
 * the daemon's own (`daemon.round` in the log: wall time, resident memory after it); the
 * first round is left out of the median, as it makes the day's backup and reads the
 * history's pages for the first time.
 */
export interface DaemonRounds {
  /** Each round in order: wall time, memory after it, rows it stored. */
  rounds: { ms: number; rssMb: number; inserted: number }[];
  /** Median wall time of rounds 2 to 11. */
  medianMs: number;
  /** Resident memory after round 3 and after round 12, and the most of any round. */
  rss3: number;
  rss12: number;
  maxRss: number;
}

const ROUNDS = 12;

export async function daemonRounds(options: {
  cli: string;
  env: NodeJS.ProcessEnv;
  home: string;
  /** Where the daemon's clock starts. */
  now: string;
  rate: number;
}): Promise<DaemonRounds> {
  const log = path.join(options.home, 'logs', 'finagg.log');
  const offset = fs.existsSync(log) ? fs.statSync(log).size : 0;
  const child = spawn(process.execPath, [options.cli, 'daemon', '--every', '2s'], {
    env: { ...options.env, FINAGG_NOW: options.now, FINAGG_CLOCK_RATE: String(options.rate) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 10 * 60_000;
  let rounds: DaemonRounds['rounds'] = [];
  try {
    while (rounds.length < ROUNDS) {
      if (Date.now() > deadline) throw new Error(`the daemon did ${rounds.length} rounds in ten minutes: ${stderr}`);
      if (child.exitCode !== null) throw new Error(`the daemon exited ${child.exitCode}: ${stderr}`);
      await new Promise((r) => setTimeout(r, 250));
      rounds = readRounds(log, offset);
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
  const ms = rounds.slice(1, 11).map((r) => r.ms);
  return {
    rounds,
    medianMs: median(ms),
    rss3: rounds[2]!.rssMb,
    rss12: rounds[11]!.rssMb,
    maxRss: Math.max(...rounds.map((r) => r.rssMb)),
  };
}

function readRounds(log: string, offset: number): DaemonRounds['rounds'] {
  if (!fs.existsSync(log)) return [];
  const text = fs.readFileSync(log, 'utf8').slice(offset);
  const out: DaemonRounds['rounds'] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"daemon.round"')) continue;
    const e = JSON.parse(line) as { ms: number; rss_mb: number; inserted: number };
    out.push({ ms: e.ms, rssMb: e.rss_mb, inserted: e.inserted });
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}
