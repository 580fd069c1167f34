import type { AppContext } from './context';

export interface DaemonStatus {
  running: boolean;
  pid: number | null;
  started_at: string | null;
  last_run_at: string | null;
  next_run_at: string | null;
}

/**
 * What the daemon last wrote about itself, and whether its process still lives. A pid
 * whose process is gone (a killed daemon) reads as not running.
 */
export async function readDaemonStatus(ctx: AppContext): Promise<DaemonStatus> {
  const row = await ctx.db.selectFrom('daemon_state').selectAll().where('id', '=', 1).executeTakeFirst();
  const pid = row?.pid ?? null;
  return {
    running: pid !== null && processAlive(pid),
    pid,
    started_at: row?.started_at ?? null,
    last_run_at: row?.last_run_at ?? null,
    next_run_at: row?.next_run_at ?? null,
  };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
