import { Cron } from 'croner';
import type { AppContext } from '../context';
import { ConnectionBackoff } from './connection-backoff';
import { daemonRound, type RoundSummary } from './daemon-round';
import { writeDaemonState } from './daemon-state';
import { acquireDaemonLock } from './pid-lock';
import { collectNow } from '../heap-growth';

export interface DaemonOptions {
  /** Run every this many milliseconds (at least 2 s)... */
  everyMs?: number;
  /** ...or on a cron expression. */
  cron?: string;
  /** One round, then exit. */
  once: boolean;
  /** Aborted on SIGINT/SIGTERM: the page in flight is finished, then the daemon stops. */
  signal: AbortSignal;
  random01: () => number;
  /** Called once the lock is held and the state written. */
  onStarted?: () => void;
  onRound?: (summary: RoundSummary) => void;
  onError?: (error: unknown) => void;
}

const HEARTBEAT_MS = 10_000;
/** The daemon's SQLite page cache, in KiB. */
const DAEMON_CACHE_KB = 16_384;
/** How long a stop waits for the round in flight. */
const STOP_GRACE_MS = 8_000;

/**
 * The daemon in the foreground: one per data dir (a pid-file lock), rounds on schedule
 * with croner (`protect`, so rounds never overlap), a heartbeat and the next run in
 * `daemon_state`. Returns when stopped, with the lock released.
 */
export async function runDaemon(ctx: AppContext, options: DaemonOptions): Promise<void> {
  const lock = acquireDaemonLock(ctx.home);
  // A round reads a day's pages, not the history: 16 MB of page cache holds them, where
  // the CLI's 64 MB (for a first sync's indexes) would fill round by round and stay.
  ctx.sqlite.pragma(`cache_size = -${DAEMON_CACHE_KB}`);
  const iso = (ms: number) => new Date(ms).toISOString();
  const backoff = new ConnectionBackoff(options.random01);
  let heartbeat: NodeJS.Timeout | undefined;
  let job: Cron | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  try {
    await writeDaemonState(ctx, {
      pid: process.pid,
      started_at: iso(ctx.clock.nowMs()),
      heartbeat_at: iso(ctx.clock.nowMs()),
      next_run_at: null,
      rounds: 0,
      last_round_ms: null,
      rss_mb: null,
    });
    let rounds = 0;
    const round = async () => {
      const start = performance.now();
      try {
        const summary = await daemonRound(ctx, backoff, options.signal);
        rounds++;
        // Between rounds (minutes apart) the pages a round read are the OS's to cache, not
        // the daemon's to hold: SQLite gives its page cache back, so a resident daemon stays
        // at its working size instead of growing toward the cache's ceiling round by round.
        ctx.sqlite.pragma('shrink_memory');
        collectNow();
        const figures = roundFigures(start);
        // Every round says where its time went, as a sync does (`finagg sync-log`, npm run bench).
        ctx.log.log('info', 'daemon.round', {
          round: rounds,
          ...figures,
          synced: summary.runs.length,
          inserted: summary.runs.reduce((n, r) => n + r.inserted, 0),
          stages: summary.after.stages,
        });
        await writeDaemonState(ctx, { rounds, last_round_ms: figures.ms, rss_mb: figures.rss_mb });
        options.onRound?.(summary);
      } catch (error) {
        ctx.log.log('error', 'daemon.round_failed', { error: error instanceof Error ? error.message : String(error) });
        options.onError?.(error);
      }
      const next = job?.nextRun();
      await writeDaemonState(ctx, { last_run_at: iso(ctx.clock.nowMs()), next_run_at: next ? next.toISOString() : null });
    };
    options.onStarted?.();
    if (options.once) return await round();

    heartbeat = setInterval(
      () => void writeDaemonState(ctx, { heartbeat_at: iso(ctx.clock.nowMs()) }).catch(() => undefined),
      HEARTBEAT_MS,
    );
    const pattern = options.cron ?? '* * * * * *';
    const seconds = options.everyMs === undefined ? undefined : Math.round(options.everyMs / 1000);
    job = new Cron(pattern, { protect: true, ...(seconds ? { interval: seconds } : {}) }, () => {
      inFlight = round();
      return inFlight;
    });
    const first = job.nextRun();
    await writeDaemonState(ctx, { next_run_at: first ? first.toISOString() : null });
    ctx.log.log('info', 'daemon.started', { pid: process.pid, every_ms: options.everyMs, cron: options.cron });
    await new Promise<void>((resolve) => {
      if (options.signal.aborted) resolve();
      else options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    job.stop();
    await Promise.race([inFlight, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    job?.stop();
    await writeDaemonState(ctx, { pid: null, next_run_at: null }).catch(() => undefined);
    lock.release();
    ctx.log.log('info', 'daemon.stopped', { pid: process.pid });
  }
}

/** A round's wall time (monotonic: a FINAGG_NOW clock may stand still) and the process's memory after it. */
function roundFigures(startMs: number): { ms: number; rss_mb: number; heap_mb: number } {
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    ms: Math.round(performance.now() - startMs),
    rss_mb: mb(process.memoryUsage.rss()),
    heap_mb: mb(process.memoryUsage().heapUsed),
  };
}
