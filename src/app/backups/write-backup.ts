import fs from 'node:fs';
import path from 'node:path';
import type { AlertChannel } from '../../core/alert';
import { makeManifest } from '../../core/backups/manifest';
import { backupName, type KeepPolicy, selectToKeep } from '../../core/backups/retention';
import { AppError } from '../../core/errors';
import { showValue } from '../../core/show-value';
import { backupsDir, copyDatabase } from '../../storage/backup-file';
import { insertMarkedAlert } from '../../storage/alerts-repo';
import { LATEST_SCHEMA_VERSION } from '../../storage/migrations/index';
import { ensurePrivateDir } from '../../storage/private-dir';
import { openSqlite } from '../../storage/sqlite';
import { VERSION } from '../../version';
import type { AppContext } from '../context';
import { alertChannels } from '../deliver-alerts';
import { getSettings } from '../settings';
import { writeEncryptedArchive } from './archive';
import { sha256OfFile } from './target-common';
import { openTarget, targetOf } from './targets';

/** What one target did with a backup. */
export interface TargetOutcome {
  target: string;
  ok: boolean;
  /** The backup's name there, when written and read back. */
  name: string | null;
  /** Older backups deleted there by the retention policy (after this one read back). */
  removed: string[];
  error: string | null;
}

export interface EncryptedBackup {
  /** The local copy: in the data dir's backups/, or --out. */
  path: string;
  bytes: number;
  targets: TargetOutcome[];
}

/**
 * One encrypted backup (archive.ts), written to the data dir (or `out`) and to every
 * target: each copy is read back and compared byte for byte (by hash) before that
 * target's older backups are deleted by the retention policy, so a failing write never
 * costs an old backup. A target that fails raises an alert through the outbox, once a day
 * per target, and the others go on.
 */
export async function writeEncryptedBackup(
  ctx: AppContext,
  options: { to?: readonly string[]; out?: string; env: NodeJS.ProcessEnv; cwd: string },
): Promise<EncryptedBackup> {
  const settings = await getSettings(ctx);
  const recipient = settings['backup.recipient'];
  if (!recipient) throw new AppError('conflict', 'there is no recovery key yet', 'make one first: finagg backup init');
  const targetTexts = options.to ?? settings['backup.to'] ?? [];
  const specs = targetTexts.map((text) => targetOf(text, options.cwd));

  const nowMs = ctx.clock.nowMs();
  const name = backupName(nowMs);
  const dir = backupsDir(ctx.home);
  ensurePrivateDir(dir);
  const local = path.resolve(options.cwd, options.out ?? path.join(dir, name));
  if (fs.existsSync(local)) throw new AppError('conflict', `${showValue(local)} exists already`, 'choose another --out');
  const copy = path.join(dir, `.archive-${process.pid}-${nowMs}.db`);
  try {
    copyDatabase(ctx.sqlite, ctx.home, copy);
    const manifest = makeManifest({
      finagg_version: VERSION,
      schema_version: LATEST_SCHEMA_VERSION,
      created_at: new Date(nowMs).toISOString(),
      rows: rowCounts(copy),
    });
    const dataKey = await ctx.keyStore.getOrCreateKey();
    await writeEncryptedArchive({ manifest, dataKey, databaseFile: copy }, recipient, local);
  } finally {
    fs.rmSync(copy, { force: true });
  }
  const bytes = fs.statSync(local).size;
  const hash = await sha256OfFile(local);
  // The data dir keeps its own copies by the same policy (not a copy given with --out), and
  // no plain daily copy of the daemon's from before the recovery key.
  if (options.out === undefined) {
    pruneLocal(dir, settings['backup.keep']);
    for (const plain of fs.readdirSync(dir).filter((f) => /^daily-\d{4}-\d{2}-\d{2}\.db$/.test(f)))
      fs.rmSync(path.join(dir, plain), { force: true });
  }

  const targets: TargetOutcome[] = [];
  for (const spec of specs) {
    const outcome: TargetOutcome = { target: spec.text, ok: false, name: null, removed: [], error: null };
    try {
      const target = openTarget(spec, { env: options.env });
      await target.put(local, name);
      const back = await target.readBack(name);
      if (back !== hash)
        throw new AppError('storage', `${showValue(spec.text)}: the backup read back differs from what was written`);
      outcome.ok = true;
      outcome.name = name;
      const { remove } = selectToKeep(
        (await target.list()).map((f) => f.name),
        settings['backup.keep'],
      );
      for (const old of remove) {
        await target.remove(old);
        outcome.removed.push(old);
      }
    } catch (error) {
      outcome.error = oneLine(error);
    }
    targets.push(outcome);
    await recordOutcome(ctx, outcome, bytes, nowMs, alertChannels(settings));
  }
  ctx.log.log('info', 'backup.encrypted', {
    bytes,
    targets: targets.length,
    failed: targets.filter((t) => !t.ok).length,
  });
  return { path: local, bytes, targets };
}

/** Rows per table of the copy: what the manifest says the backup holds. */
function rowCounts(file: string): Record<string, number> {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[];
    const rows: Record<string, number> = {};
    for (const table of tables)
      rows[table] = db
        .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
        .pluck()
        .get() as number;
    return rows;
  } finally {
    db.close();
  }
}

function pruneLocal(dir: string, keep: KeepPolicy): void {
  const { remove } = selectToKeep(fs.readdirSync(dir), keep);
  for (const old of remove) fs.rmSync(path.join(dir, old), { force: true });
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (
    message
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim()
      .slice(0, 300) ?? 'failed'
  );
}

/** The target's row for doctor, and an alert when it failed (once a day per target). */
async function recordOutcome(
  ctx: AppContext,
  outcome: TargetOutcome,
  bytes: number,
  nowMs: number,
  channels: readonly AlertChannel[],
): Promise<void> {
  const nowIso = new Date(nowMs).toISOString();
  const update = outcome.ok
    ? { last_name: outcome.name, last_at: nowIso, last_bytes: bytes, last_error: null, last_error_at: null }
    : { last_error: outcome.error, last_error_at: nowIso };
  await ctx.db
    .insertInto('backup_targets')
    .values({ target: outcome.target, ...update })
    .onConflict((oc) => oc.column('target').doUpdateSet(update))
    .execute();
  if (outcome.ok) return;
  ctx.log.log('warn', 'backup.target_failed', { error: outcome.error });
  insertMarkedAlert(ctx.sqlite, {
    mark: `backup:${outcome.target}:${nowIso.slice(0, 10)}`,
    type: 'backup_failed',
    category: null,
    message: `a backup was not written: ${outcome.error}`,
    createdAt: nowIso,
    channels,
  });
}
