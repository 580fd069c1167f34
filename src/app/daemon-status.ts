import type { AppContext } from './context';
import { runningDaemonPid } from './daemon/pid-lock';

export interface DaemonStatus {
  running: boolean;
  pid: number | null;
  started_at: string | null;
  last_run_at: string | null;
  next_run_at: string | null;
  /** Rounds since the daemon started; the last one's wall time; its resident memory after it. */
  rounds: number;
  last_round_ms: number | null;
  rss_mb: number | null;
}

/**
 * What the daemon last wrote about itself, and whether it runs: the pid file's process
 * must still live (a killed daemon reads as not running).
 */
export async function readDaemonStatus(ctx: AppContext): Promise<DaemonStatus> {
  const row = await ctx.db.selectFrom('daemon_state').selectAll().where('id', '=', 1).executeTakeFirst();
  const running = runningDaemonPid(ctx.home);
  return {
    running: running !== undefined,
    pid: running ?? null,
    started_at: row?.started_at ?? null,
    last_run_at: row?.last_run_at ?? null,
    next_run_at: row?.next_run_at ?? null,
    rounds: row?.rounds ?? 0,
    last_round_ms: row?.last_round_ms ?? null,
    rss_mb: row?.rss_mb ?? null,
  };
}
