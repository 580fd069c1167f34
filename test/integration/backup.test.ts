import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DAILY_BACKUPS_KEPT, dailyBackup } from '../../src/app/backup';
import { MIGRATIONS } from '../../src/storage/migrations/index';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';
import { cliContext } from '../helpers/context';

const BASE = {
  FINAGG_KEYSTORE: 'file',
  FINAGG_NOW: '2026-11-23T12:00:00Z',
  FINAGG_SEED: '4',
  FINAGG_SIM_HISTORY_DAYS: '20',
  FINAGG_SIM_DAILY: '3',
};

async function syncedHome() {
  const home = freshHome();
  const cli = (...argv: string[]) => runCli(argv, { ...BASE, FINAGG_HOME: home });
  expect((await cli('link', 'banka', '--yes')).code).toBe(0);
  return { home, cli, db: path.join(home, 'finagg.db') };
}

function rows(file: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT id, amount_cents, note FROM transactions ORDER BY id').all();
  } finally {
    db.close();
  }
}

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const sha = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('finagg backup and restore', () => {
  it('writes a verified, private copy while another connection is writing', async () => {
    const { home, cli, db } = await syncedHome();
    const writer = new Database(db);
    writer.pragma('busy_timeout = 5000');
    writer.exec('BEGIN IMMEDIATE');
    writer.prepare("UPDATE transactions SET note = 'not committed' WHERE id = 1").run();
    const r = await cli('backup', '--json');
    writer.exec('COMMIT');
    writer.close();
    expect(r.code).toBe(0);
    const { path: file, bytes } = JSON.parse(r.stdout) as { path: string; bytes: number };
    expect(path.dirname(file)).toBe(path.join(home, 'backups'));
    expect(fs.statSync(file).size).toBe(bytes);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.dirname(file))).toBe(0o700);
    const copy = new Database(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    copy.close();
    // The snapshot before the uncommitted write: every row, and not that note.
    const stored = rows(db) as { note: string | null }[];
    const backedUp = rows(file) as { note: string | null }[];
    expect(backedUp).toHaveLength(stored.length);
    expect(backedUp[0]!.note).toBeNull();
    expect(stored[0]!.note).toBe('not committed');
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.startsWith('.'))).toEqual([]);
    // An existing file is never overwritten.
    const again = await cli('backup', '--out', file);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists already/);
  });

  it('restores a backup and keeps the database it replaced', async () => {
    const { home, cli, db } = await syncedHome();
    const file = JSON.parse((await cli('backup', '--json')).stdout).path as string;
    const before = rows(db);
    expect((await cli('tx', 'edit', '1', '--note', 'after the backup')).code).toBe(0);
    const changed = rows(db);
    const r = await cli('restore', file, '--json');
    expect(r.code).toBe(0);
    const { previous } = JSON.parse(r.stdout) as { previous: string };
    expect(rows(db)).toEqual(before);
    expect(rows(previous)).toEqual(changed);
    expect(mode(db)).toBe(0o600);
    expect(mode(previous)).toBe(0o600);
    expect((await cli('tx', 'show', '1', '--json')).stdout).toContain('"note": null');
    expect(fs.readdirSync(home).filter((f) => f.startsWith('finagg.db'))).toEqual(
      expect.arrayContaining(['finagg.db', path.basename(previous)]),
    );
  });

  it('refuses to restore while the daemon runs, or from a file that is not a sound finagg database', async () => {
    const { home, cli, db } = await syncedHome();
    const file = JSON.parse((await cli('backup', '--json')).stdout).path as string;
    const before = sha(db);
    fs.writeFileSync(path.join(home, 'daemon.pid'), String(process.pid)); // this process passes for the daemon
    const busy = await cli('restore', file);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/the daemon \(pid \d+\) is using the database \(stop it first: finagg daemon stop\)/);
    fs.rmSync(path.join(home, 'daemon.pid'));
    const text = path.join(home, 'notes.txt');
    fs.writeFileSync(text, 'just text');
    const newer = path.join(home, 'newer.db');
    fs.copyFileSync(file, newer);
    const n = new Database(newer);
    n.pragma('user_version = 99');
    n.close();
    for (const [bad, message] of [
      [text, /is not a sound database/],
      [newer, /schema 99, this finagg knows 1 to/],
      [path.join(home, 'missing.db'), /no file/],
    ] as const) {
      const r = await cli('restore', bad);
      expect([bad, r.code]).toEqual([bad, 2]);
      expect(r.stderr).toMatch(message);
    }
    expect(sha(db)).toBe(before);
  });

  it('keeps one daily backup a day, the last seven', async () => {
    const { home } = await syncedHome();
    const made: (string | undefined)[] = [];
    for (let day = 0; day < 9; day++) {
      const now = new Date(Date.parse('2026-11-23T03:00:00Z') + day * 86_400_000).toISOString();
      const ctx = cliContext(home, { ...BASE, FINAGG_NOW: now });
      made.push(dailyBackup(ctx)?.path);
      expect(dailyBackup(ctx)).toBeUndefined(); // the same day again: nothing
      await ctx.close();
    }
    expect(made.every((p) => p !== undefined)).toBe(true);
    const kept = fs.readdirSync(path.join(home, 'backups')).sort();
    expect(kept).toHaveLength(DAILY_BACKUPS_KEPT);
    expect(kept[0]).toBe('daily-2026-11-25.db');
    expect(kept.at(-1)).toBe('daily-2026-12-01.db');
  });

  it('copies a database before its schema changes', async () => {
    const home = freshHome();
    const old = openDatabase(home, { nowIso: '2026-11-01T00:00:00Z', migrations: MIGRATIONS.slice(0, 2) });
    old.sqlite
      .prepare(
        "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Old', 'checking', 'USD', 'x', 'x')",
      )
      .run();
    old.sqlite.close();
    const current = openDatabase(home, { nowIso: '2026-11-23T12:00:00Z' });
    expect(current.migration.from).toBe(2);
    current.sqlite.close();
    const backups = fs.readdirSync(path.join(home, 'backups'));
    expect(backups).toEqual(['pre-migration-v2-20261123-120000.db']);
    const copy = new Database(path.join(home, 'backups', backups[0]!), { readonly: true });
    expect(copy.pragma('user_version', { simple: true })).toBe(2);
    expect(copy.prepare('SELECT name FROM accounts').all()).toEqual([{ name: 'Old' }]);
    copy.close();
  });
});

describe('finagg doctor', () => {
  it('finds a damaged database, does not write to it, and points at the latest backup', async () => {
    const { home, cli, db } = await syncedHome();
    const latest = JSON.parse((await cli('backup', '--json')).stdout).path as string;
    const fd = fs.openSync(db, 'r+');
    fs.writeSync(fd, crypto.randomBytes(4096 * 8), 0, 4096 * 8, 4096 * 2);
    fs.closeSync(fd);
    const damaged = sha(db);
    const r = await cli('doctor', '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as { integrity: string | string[]; problems: string[] };
    expect(report.integrity).not.toBe('ok');
    expect(report.problems[0]).toMatch(
      /^the database is damaged \(.+\); finagg will not write to it\. Restore the latest backup: finagg restore /,
    );
    expect(report.problems[0]).toContain(latest);
    expect(sha(db)).toBe(damaged);
    const sync = await cli('sync');
    expect(sync.code).toBe(1);
    expect(sync.stderr).toMatch(/run finagg doctor/);
    expect(sha(db)).toBe(damaged);
    expect((await cli('restore', latest)).code).toBe(0);
    expect(JSON.parse((await cli('doctor', '--json')).stdout).integrity).toBe('ok');
  });

  it('explains a missing key, a stale daemon lock and files open to others', async () => {
    const { home, cli } = await syncedHome();
    fs.renameSync(path.join(home, 'key'), path.join(home, 'key.moved'));
    fs.writeFileSync(path.join(home, 'daemon.pid'), '999999');
    fs.chmodSync(path.join(home, 'finagg.db'), 0o644);
    fs.chmodSync(home, 0o755);
    const problems = JSON.parse((await cli('doctor', '--json')).stdout).problems as string[];
    expect(problems).toEqual(
      expect.arrayContaining([
        "the key that opens bank tokens is missing, so banka's tokens cannot be opened; link it again: finagg link banka",
        `the daemon lock ${path.join(home, 'daemon.pid')} names pid 999999, which is not a running daemon (it was killed): the next daemon takes it over, or delete the file`,
        `database file ${path.join(home, 'finagg.db')} is open to others (mode 644); run: chmod 600 ${path.join(home, 'finagg.db')}`,
        `data dir ${home} is open to others (mode 755); run: chmod 700 ${home}`,
      ]),
    );
    fs.renameSync(path.join(home, 'key.moved'), path.join(home, 'key'));
    fs.rmSync(path.join(home, 'daemon.pid'));
    fs.chmodSync(path.join(home, 'finagg.db'), 0o600);
    fs.chmodSync(home, 0o700);
    expect(JSON.parse((await cli('doctor', '--json')).stdout).problems).toEqual([]);
  });
});
