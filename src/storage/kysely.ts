import type { Database as SqliteDatabase } from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

/**
 * Kysely over the one better-sqlite3 connection, for ordinary queries. The sync hot
 * path uses prepared statements on `sqlite` directly. Note: SQLite has one connection;
 * inside a kysely transaction always use the `trx`, never `db`, or it waits forever.
 */
export function createKysely(sqlite: SqliteDatabase): Kysely<DB> {
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
}

export type Db = Kysely<DB>;
