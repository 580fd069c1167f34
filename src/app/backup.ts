import fs from 'node:fs';
import path from 'node:path';
import { AppError, invalidInput } from '../core/errors';
import { showValue } from '../core/show-value';
import { backupsDir, checkDatabaseFile, copyDatabase, moveInto, schemaVersionOf } from '../storage/backup-file';
import { LATEST_SCHEMA_VERSION } from '../storage/migrations/index';
import { DB_FILE_NAME, ensurePrivateDir } from '../storage/open-database';
import type { AppContext } from './context';
import { runningDaemonPid } from './daemon/pid-lock';

export interface BackupResult {
  path: string;
  bytes: number;
}

/** Daily backups the daemon keeps. */
export const DAILY_BACKUPS_KEPT = 7;

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

/**
 * `finagg backup`: an online, verified copy of the database (see copyDatabase), into
 * `<home>/backups/finagg-<time>.db` or `out`. An existing file is never overwritten.
 */
export async function backup(ctx: AppContext, out?: string): Promise<BackupResult> {
  const target = path.resolve(out ?? path.join(backupsDir(ctx.home), `finagg-${stamp(ctx.clock.nowMs())}.db`));
  if (fs.existsSync(target)) throw new AppError('conflict', `${showValue(target)} exists already`, 'choose another --out');
  if (out !== undefined) {
    if (!isDirectory(path.dirname(target)) || path.basename(target).length > 255)
      throw invalidInput(`--out ${showValue(out)}: not a file in a directory that exists`);
  }
  const { bytes } = copyDatabase(ctx.sqlite, ctx.home, target);
  ctx.log.log('info', 'backup.written', { path: target, bytes });
  return { path: target, bytes };
}

/**
 * The daemon's daily backup: one a day (`daily-<date>.db`), the last seven kept.
 * Returns the new one, or undefined when today's exists.
 */
export function dailyBackup(ctx: AppContext): BackupResult | undefined {
  const dir = backupsDir(ctx.home);
  const today = new Date(ctx.clock.nowMs()).toISOString().slice(0, 10);
  const target = path.join(dir, `daily-${today}.db`);
  if (fs.existsSync(target)) return undefined;
  const { bytes } = copyDatabase(ctx.sqlite, ctx.home, target);
  const daily = fs
    .readdirSync(dir)
    .filter((f) => /^daily-\d{4}-\d{2}-\d{2}\.db$/.test(f))
    .sort();
  for (const old of daily.slice(0, Math.max(0, daily.length - DAILY_BACKUPS_KEPT)))
    fs.rmSync(path.join(dir, old), { force: true });
  ctx.log.log('info', 'backup.daily', { path: target, bytes });
  return { path: target, bytes };
}

/** Backups in the data dir, newest first. */
export function listBackups(home: string): BackupResult[] {
  const dir = backupsDir(home);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => !f.startsWith('.') && (f.endsWith('.db') || f.endsWith('.tar.age')))
    .map((f) => {
      const file = path.join(dir, f);
      const stat = fs.statSync(file);
      return { path: file, bytes: stat.size, mtimeMs: stat.mtimeMs };
    })
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .map(({ path: p, bytes }) => ({ path: p, bytes }));
}

export interface RestoreResult {
  /** The backup the database now is. */
  restored: string;
  /** Where the database it replaced was put; null when it held nothing (a new data dir) and was dropped. */
  previous: string | null;
}

/**
 * `finagg restore <file>`: the backup becomes the database. Refused while the daemon
 * runs (it would keep writing to the old file) and for a file that is not a sound
 * finagg database of this or an older schema. The database it replaces is kept aside,
 * whole (its WAL checkpointed into it), as `finagg.db.before-restore-<time>`.
 */
export async function restore(ctx: AppContext, file: string): Promise<RestoreResult> {
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new AppError('not_found', `no file ${showValue(file)}`, 'see finagg doctor for the backups');
  const daemon = runningDaemonPid(ctx.home);
  if (daemon !== undefined)
    throw new AppError('busy', `the daemon (pid ${daemon}) is using the database`, 'stop it first: finagg daemon stop');
  const problems = checkDatabaseFile(source);
  if (problems.length > 0) throw invalidInput(`${showValue(file)} is not a sound database: ${problems[0]}`);
  const version = schemaVersionOf(source);
  if (version < 1 || version > LATEST_SCHEMA_VERSION)
    throw invalidInput(
      `${showValue(file)} is not a finagg database this version can use (schema ${version}, this finagg knows 1 to ${LATEST_SCHEMA_VERSION})`,
    );
  const dbPath = path.join(ctx.home, DB_FILE_NAME);
  const previous = `${dbPath}.before-restore-${stamp(ctx.clock.nowMs())}`;
  // Everything committed goes into the main file before it is moved aside. A damaged
  // database may not open at all: it is moved aside as it is, with its WAL.
  let empty = false;
  try {
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    // A data dir made just now to restore into (a new machine): nothing in it is worth keeping aside.
    empty =
      ctx.sqlite
        .prepare(
          'SELECT NOT EXISTS (SELECT 1 FROM connections) AND NOT EXISTS (SELECT 1 FROM accounts) AND NOT EXISTS (SELECT 1 FROM transactions)',
        )
        .pluck()
        .get() === 1;
  } catch {
    // damaged: nothing to checkpoint safely, and kept aside as it is
  }
  await ctx.close();
  ensurePrivateDir(backupsDir(ctx.home));
  const staged = path.join(backupsDir(ctx.home), `.restore-${process.pid}.tmp`);
  fs.copyFileSync(source, staged);
  fs.chmodSync(staged, 0o600);
  for (const side of ['', '-wal', '-shm']) {
    if (!fs.existsSync(`${dbPath}${side}`)) continue;
    if (empty) fs.rmSync(`${dbPath}${side}`, { force: true });
    else fs.renameSync(`${dbPath}${side}`, `${previous}${side}`);
  }
  moveInto(staged, dbPath);
  ctx.log.log('info', 'backup.restored', { from: source, previous: empty ? null : previous });
  return { restored: source, previous: empty ? null : previous };
}

export function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false; // missing, or a path through a file (ENOTDIR), or too long
  }
}

export function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
