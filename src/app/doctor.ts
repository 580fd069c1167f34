import fs from 'node:fs';
import path from 'node:path';
import type { KeySource } from '../security/key-store';
import { checkDatabaseFile, schemaVersionOf } from '../storage/backup-file';
import { DB_FILE_NAME } from '../storage/open-database';
import { listBackups } from './backup';
import { backupTargetStatus, type TargetStatus } from './backups/target-status';
import type { AppContext } from './context';
import { pidFile, runningDaemonPid } from './daemon/pid-lock';
import { readDaemonStatus, type DaemonStatus } from './daemon-status';
import { type AlertCheck, alertChecks } from './doctor-alerts';
import { openTokenSet } from './tokens';

export interface DoctorReport {
  home: string;
  db_path: string;
  /** Null when the database cannot be read at all. */
  schema_version: number | null;
  /** Migrations this run applied (none on a database already up to date, or a damaged one). */
  migrations_applied: number[];
  /** `ok`, or the problems SQLite's integrity check found. */
  integrity: 'ok' | string[];
  key_store: KeySource;
  daemon: DaemonStatus | null;
  /** Backups in the data dir, newest first. */
  backups: { path: string; bytes: number }[];
  /** Things a person should fix, each a sentence that says how. */
  problems: string[];
  /** The mail and push settings, checked without sending (none when the database cannot be read). */
  alerts: AlertCheck[];
  /** Each backup target: its last backup, how old, its last failure (none when the database cannot be read). */
  backup_targets: TargetStatus[];
}

/**
 * Checks what can go wrong, and says what to do about each. A damaged database is only
 * read (never migrated or written) and the way back is a backup; bank tokens the key
 * cannot open mean a relink; a daemon lock left by a killed daemon is stale; files
 * others can read are named with the chmod that fixes them.
 */
export async function runDoctor(ctx: AppContext): Promise<DoctorReport> {
  const dbPath = path.join(ctx.home, DB_FILE_NAME);
  const backups = listBackups(ctx.home);
  const problems: string[] = [];
  const keySource = await ctx.keyStore.source();
  const damage = fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0 ? checkDatabaseFile(dbPath) : [];
  if (damage.length > 0) {
    const latest = backups[0];
    problems.push(
      `the database is damaged (${damage[0]}); finagg will not write to it. ` +
        (latest
          ? `Restore the latest backup: finagg restore ${latest.path}`
          : 'No backup is in the data dir; restore one you keep elsewhere: finagg restore <file>'),
    );
    let version: number | null = null;
    try {
      version = schemaVersionOf(dbPath);
    } catch {
      // unreadable: stays null
    }
    problems.push(...staleLockProblems(ctx.home), ...permissionProblems(ctx.home, dbPath));
    return {
      home: ctx.home,
      db_path: dbPath,
      schema_version: version,
      migrations_applied: [],
      integrity: damage,
      key_store: keySource,
      daemon: null,
      backups,
      problems,
      alerts: [],
      backup_targets: [],
    };
  }
  const { migration } = ctx.storage;
  const backupTargets = await backupTargetStatus(ctx);
  problems.push(
    ...(await tokenProblems(ctx, keySource)),
    ...staleLockProblems(ctx.home),
    ...permissionProblems(ctx.home, dbPath),
    ...backupTargets.problems,
  );
  return {
    home: ctx.home,
    db_path: dbPath,
    schema_version: migration.to,
    migrations_applied: migration.applied.map((m) => m.version),
    integrity: 'ok',
    key_store: keySource,
    daemon: await readDaemonStatus(ctx),
    backups,
    problems,
    alerts: await alertChecks(ctx),
    backup_targets: backupTargets.targets,
  };
}

/** Every linked bank's tokens must open with the key at hand. */
async function tokenProblems(ctx: AppContext, keySource: KeySource): Promise<string[]> {
  const linked = await ctx.db
    .selectFrom('connections')
    .select(['id', 'provider'])
    .where('token_sealed', 'is not', null)
    .where('status', '<>', 'revoked')
    .execute();
  const problems: string[] = [];
  for (const c of linked) {
    try {
      await openTokenSet(ctx, c.id, c.provider);
    } catch {
      problems.push(
        keySource === 'none'
          ? `the key that opens bank tokens is missing, so ${c.provider}'s tokens cannot be opened; link it again: finagg link ${c.provider}`
          : `${c.provider}'s tokens do not open with the key from ${keySource} (another key, or damaged); link it again: finagg link ${c.provider}`,
      );
    }
  }
  return problems;
}

function staleLockProblems(home: string): string[] {
  const file = pidFile(home);
  if (!fs.existsSync(file) || runningDaemonPid(home) !== undefined) return [];
  const pid = fs.readFileSync(file, 'utf8').trim();
  return [
    `the daemon lock ${file} names pid ${pid}, which is not a running daemon (it was killed): the next daemon takes it over, or delete the file`,
  ];
}

function permissionProblems(home: string, dbPath: string): string[] {
  const problems: string[] = [];
  const check = (file: string, expected: number, what: string) => {
    if (!fs.existsSync(file)) return;
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      problems.push(`${what} ${file} is open to others (mode ${mode.toString(8)}); run: chmod ${expected.toString(8)} ${file}`);
    }
  };
  check(home, 0o700, 'data dir');
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) check(file, 0o600, 'database file');
  check(path.join(home, 'key'), 0o600, 'key file');
  for (const dir of ['logs', 'backups']) {
    const full = path.join(home, dir);
    check(full, 0o700, `${dir} dir`);
    if (fs.existsSync(full))
      for (const f of fs.readdirSync(full))
        if (fs.statSync(path.join(full, f)).isFile()) check(path.join(full, f), 0o600, `${dir} file`);
  }
  return problems;
}
