import type { AppContext } from '../context';

/** What the daemon says about itself in the one row of `daemon_state` (read by `daemon status`). */
export async function writeDaemonState(
  ctx: AppContext,
  fields: Partial<{
    pid: number | null;
    started_at: string | null;
    heartbeat_at: string;
    last_run_at: string;
    next_run_at: string | null;
    rounds: number;
    last_round_ms: number | null;
    rss_mb: number | null;
  }>,
): Promise<void> {
  await ctx.db
    .insertInto('daemon_state')
    .values({ id: 1, ...fields })
    .onConflict((oc) => oc.column('id').doUpdateSet(fields))
    .execute();
}
