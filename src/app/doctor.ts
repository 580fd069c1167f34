import fs from 'node:fs';
import type { KeySource } from '../security/key-store';
import type { AppContext } from './context';
import { readDaemonStatus, type DaemonStatus } from './daemon-status';

export interface DoctorReport {
  home: string;
  db_path: string;
  schema_version: number;
  /** Migrations this run applied (none on a database already up to date). */
  migrations_applied: number[];
  /** `ok`, or the problems SQLite's integrity check found. */
  integrity: 'ok' | string[];
  key_store: KeySource;
  daemon: DaemonStatus;
  /** Things a person should fix, each a sentence. */
  problems: string[];
}

/** Opens (and so creates or migrates) the database, and checks what can go wrong. */
export async function runDoctor(ctx: AppContext): Promise<DoctorReport> {
  const { sqlite, path: dbPath, migration } = ctx.storage;
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const messages = rows.map((r) => r.integrity_check);
  const integrity = messages.length === 1 && messages[0] === 'ok' ? 'ok' : messages;
  return {
    home: ctx.home,
    db_path: dbPath,
    schema_version: migration.to,
    migrations_applied: migration.applied.map((m) => m.version),
    integrity,
    key_store: await ctx.keyStore.source(),
    daemon: await readDaemonStatus(ctx),
    problems: permissionProblems(ctx.home, dbPath),
  };
}

function permissionProblems(home: string, dbPath: string): string[] {
  const problems: string[] = [];
  const check = (file: string, expected: number, what: string) => {
    if (!fs.existsSync(file)) return;
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      problems.push(
        `${what} ${file} is readable by others (mode ${mode.toString(8)}); run: chmod ${expected.toString(8)} ${file}`,
      );
    }
  };
  check(home, 0o700, 'data dir');
  for (const file of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) check(file, 0o600, 'database file');
  return problems;
}
