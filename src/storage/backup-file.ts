import fs from 'node:fs';
import path from 'node:path';
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { AppError } from '../core/errors';
import { ensurePrivateDir } from './private-dir';
import { openSqlite } from './sqlite';

/** Where backups go: `<home>/backups`, private like the data dir. */
export function backupsDir(home: string): string {
  return path.join(home, 'backups');
}

/**
 * A consistent copy of an open database, written while it stays in use. SQLite's
 * `VACUUM INTO` reads one snapshot (a sync writing meanwhile is not in it, and not
 * half in it) and writes a compact file. The copy is made inside the private backups
 * dir, checked, made 0600, and only then moved to `target`, so a target is never a
 * half-written or unchecked file.
 */
export function copyDatabase(sqlite: SqliteDatabase, home: string, target: string): { bytes: number } {
  const dir = backupsDir(home);
  ensurePrivateDir(dir);
  const temporary = path.join(dir, `.backup-${process.pid}-${Date.now()}.tmp`);
  try {
    vacuumInto(sqlite, temporary);
    fs.chmodSync(temporary, 0o600);
    const problems = checkDatabaseFile(temporary);
    if (problems.length > 0) throw new AppError('storage', `the backup did not verify: ${problems.join('; ')}`);
    moveInto(temporary, target);
    return { bytes: fs.statSync(target).size };
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

/**
 * `VACUUM INTO` through a connection of its own, read only, with SQLite's small default
 * cache: through the open connection every page of the database passed its 64 MB cache,
 * and a daemon that made its daily backup kept that memory (230 MB instead of 115 at a
 * million rows). The snapshot is the same: a read transaction of the file as committed.
 */
function vacuumInto(sqlite: SqliteDatabase, target: string): void {
  if (sqlite.memory) {
    sqlite.prepare('VACUUM INTO ?').run(target);
    return;
  }
  const reader = openSqlite(sqlite.name, { readonly: true, fileMustExist: true });
  try {
    reader.prepare('VACUUM INTO ?').run(target);
  } finally {
    reader.close();
  }
}

/** SQLite's own integrity check of a database file, read only: empty when it is sound. */
export function checkDatabaseFile(file: string): string[] {
  let db: SqliteDatabase | undefined;
  try {
    db = openSqlite(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    const messages = rows.map((r) => r.integrity_check);
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db?.close();
  }
}

/** The schema version a database file was written with (SQLite's user_version). */
export function schemaVersionOf(file: string): number {
  const db = openSqlite(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** Rename when on the same file system; otherwise copy privately, then remove. */
export function moveInto(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    fs.copyFileSync(from, to, fs.constants.COPYFILE_EXCL);
    fs.chmodSync(to, 0o600);
    fs.rmSync(from, { force: true });
  }
}
