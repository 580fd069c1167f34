import type { AppContext } from '../context';
import { getSettings } from '../settings';

/** One target as `doctor` reports it: its last backup and how old it is, its last failure. */
export interface TargetStatus {
  target: string;
  last_backup: string | null;
  last_backup_at: string | null;
  /** Hours since the last backup there (one decimal); null when none was written. */
  age_hours: number | null;
  last_error: string | null;
  last_error_at: string | null;
}

/** A target whose newest backup is older than this is a problem: the daemon writes one a day. */
const STALE_HOURS = 48;

/**
 * Each configured target's state (backup.to), from what the last backups recorded: doctor
 * never asks a remote, so it answers at once and offline. Targets written with `--to` only
 * are listed too. Problems are sentences that say what to do.
 */
export async function backupTargetStatus(ctx: AppContext): Promise<{ targets: TargetStatus[]; problems: string[] }> {
  const settings = await getSettings(ctx);
  const rows = await ctx.db.selectFrom('backup_targets').selectAll().execute();
  const configured = settings['backup.to'] ?? [];
  const names = [...new Set([...configured, ...rows.map((r) => r.target)])];
  const nowMs = ctx.clock.nowMs();
  const targets = names.map((target) => {
    const row = rows.find((r) => r.target === target);
    const at = row?.last_at ?? null;
    return {
      target,
      last_backup: row?.last_name ?? null,
      last_backup_at: at,
      age_hours: at === null ? null : Math.round((nowMs - Date.parse(at)) / 360_000) / 10,
      last_error: row?.last_error ?? null,
      last_error_at: row?.last_error_at ?? null,
    };
  });
  const problems: string[] = [];
  if (settings['backup.recipient'] !== null && configured.length === 0)
    problems.push('backups stay on this disk: add a folder or rclone remote with finagg config set backup.to <target>');
  for (const t of targets.filter((t) => configured.includes(t.target))) {
    if (t.last_error !== null && (t.last_backup_at === null || t.last_error_at! > t.last_backup_at))
      problems.push(`the last backup to ${t.target} failed (${t.last_error}); fix it, then run finagg backup`);
    else if (t.age_hours === null)
      problems.push(`no backup was written to ${t.target} yet: run finagg backup (the daemon writes one a day)`);
    else if (t.age_hours > STALE_HOURS)
      problems.push(
        `the newest backup at ${t.target} is ${Math.floor(t.age_hours / 24)} days old: is the daemon running? (finagg daemon start)`,
      );
  }
  return { targets, problems };
}
