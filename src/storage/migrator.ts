import type { Database as SqliteDatabase } from 'better-sqlite3';
import { AppError } from '../core/errors';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /**
   * Rebuilds a table that others reference: run with foreign keys off (SQLite's way to
   * change a table's shape), then checked whole before the commit.
   */
  foreignKeysOff?: boolean;
}

export interface MigrationResult {
  /** Schema version before and after. */
  from: number;
  to: number;
  applied: { version: number; name: string }[];
}

/**
 * Brings the database to the latest schema. All pending migrations run inside one
 * immediate transaction, so a crash or a failing step leaves the old schema intact,
 * and two processes opening the same new file never both migrate it.
 *
 * Written here rather than taken from kysely's Migrator: ours is synchronous, needs no
 * lock table, and runs on every open of the CLI, so it must cost one query when there
 * is nothing to do.
 */
export function migrate(db: SqliteDatabase, migrations: readonly Migration[], nowIso: string): MigrationResult {
  assertOrdered(migrations);
  const latest = migrations.at(-1)?.version ?? 0;
  const before = userVersion(db);
  if (before > latest) {
    throw new AppError(
      'storage',
      `database schema version ${before} is newer than this finagg knows (${latest})`,
      'upgrade finagg, or restore a backup made by this version',
    );
  }
  if (before === latest) return { from: before, to: before, applied: [] };

  const applied: MigrationResult['applied'] = [];
  // Only outside a transaction does the pragma take effect.
  const keysOff = migrations.some((m) => m.version > before && m.foreignKeysOff === true);
  const run = db.transaction(() => {
    // Re-read inside the lock: another process may have migrated while we waited.
    const current = userVersion(db);
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    )`);
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, nowIso);
      applied.push({ version: migration.version, name: migration.name });
    }
    if (keysOff) {
      const broken = db.pragma('foreign_key_check') as { table: string }[];
      if (broken.length > 0)
        throw new AppError('storage', `migration left ${broken.length} broken references (first in ${broken[0]!.table})`);
    }
    db.pragma(`user_version = ${latest}`);
  });
  const keysWere = db.pragma('foreign_keys', { simple: true }) as number;
  if (keysOff) db.pragma('foreign_keys = OFF');
  try {
    run.immediate();
  } finally {
    if (keysOff) db.pragma(`foreign_keys = ${keysWere}`);
  }
  return { from: before, to: latest, applied };
}

export function userVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new AppError('internal', `migration ${migration.name} has version ${migration.version}, expected ${index + 1}`);
    }
  });
}
