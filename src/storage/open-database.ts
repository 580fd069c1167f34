import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { AppError } from '../core/errors';
import { type Migration, type MigrationResult, migrate } from './migrator';
import { MIGRATIONS } from './migrations/index';
import { backupsDir, copyDatabase } from './backup-file';
import { ensurePrivateDir } from './private-dir';
import { openSqlite } from './sqlite';

export { ensurePrivateDir };

export const DB_FILE_NAME = 'finagg.db';

export interface OpenDatabaseOptions {
  nowIso: string;
  migrations?: readonly Migration[];
  readonly?: boolean;
}

export interface OpenedDatabase {
  sqlite: SqliteDatabase;
  path: string;
  migration: MigrationResult;
}

/**
 * Opens (creating when needed) the data dir and its database: dir 0700, files 0600,
 * the pragmas set on every open, and the schema brought up to date.
 */
export function openDatabase(home: string, options: OpenDatabaseOptions): OpenedDatabase {
  ensurePrivateDir(home);
  const dbPath = path.join(home, DB_FILE_NAME);
  // Create the file ourselves with 0600 before SQLite does, so it is never readable
  // by others, not even for a moment. SQLite gives -wal and -shm the mode of the db.
  if (!fs.existsSync(dbPath)) {
    fs.closeSync(fs.openSync(dbPath, fs.constants.O_CREAT | fs.constants.O_WRONLY, 0o600));
  }
  let sqlite: SqliteDatabase;
  try {
    sqlite = openSqlite(dbPath, { fileMustExist: true });
  } catch (error) {
    throw new AppError(
      'storage',
      `cannot open ${dbPath}: ${(error as Error).message}`,
      'check the file and its permissions, or run finagg doctor',
      { cause: error },
    );
  }
  try {
    applyPragmas(sqlite);
    const migrations = options.migrations ?? MIGRATIONS;
    backupBeforeMigrating(sqlite, home, migrations, options.nowIso);
    const migration = migrate(sqlite, migrations, options.nowIso);
    return { sqlite, path: dbPath, migration };
  } catch (error) {
    sqlite.close();
    if (error instanceof AppError) throw error;
    throw new AppError('storage', `cannot use ${dbPath}: ${(error as Error).message}`, 'run finagg doctor', { cause: error });
  }
}

/**
 * Set on every open, because SQLite keeps none of these in the file except WAL mode.
 * - WAL: readers (the dashboard) never block the writer (sync), and a crash loses no
 *   committed page.
 * - synchronous=NORMAL: durable across application crashes in WAL mode; a power cut may
 *   lose the last transactions but never corrupts. FULL would fsync every page of a sync.
 * - busy_timeout: the CLI, the daemon and the dashboard share the file; a writer waits
 *   for another rather than failing with SQLITE_BUSY.
 * - cache_size: 64 MiB of page cache keeps the dedupe indexes of a million rows hot.
 */
export function applyPragmas(sqlite: SqliteDatabase): void {
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  sqlite.pragma('cache_size = -65536');
  sqlite.pragma('temp_store = MEMORY');
}

/**
 * A database with data whose schema is about to change is copied first, to
 * `backups/pre-migration-v<from>-<time>.db`: a migration that goes wrong, or a newer
 * finagg given up, can be undone with `finagg restore`.
 */
function backupBeforeMigrating(sqlite: SqliteDatabase, home: string, migrations: readonly Migration[], nowIso: string): void {
  const from = sqlite.pragma('user_version', { simple: true }) as number;
  const latest = migrations.at(-1)?.version ?? 0;
  if (from === 0 || from >= latest) return;
  const stamp = nowIso.replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  copyDatabase(sqlite, home, path.join(backupsDir(home), `pre-migration-v${from}-${stamp}.db`));
}
