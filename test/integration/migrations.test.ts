import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../src/storage/migrations/index';
import type { Migration } from '../../src/storage/migrator';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome } from '../helpers/cli';

const NOW = '2026-11-23T12:00:00.000Z';

const TABLES = [
  'accounts',
  'alert_deliveries',
  'alert_marks',
  'alerts',
  'anomalies',
  'audit_log',
  'backup_targets',
  'budget_alert_marks',
  'budget_alert_pending',
  'budgets',
  'categories',
  'connections',
  'custom_currencies',
  'daemon_state',
  'payees',
  'quarantine',
  'rates',
  'rules',
  'schema_migrations',
  'secrets',
  'settings',
  'stream_dirty',
  'stream_state',
  'streams',
  'sync_runs',
  'transaction_splits',
  'transactions',
  'transfer_state',
  'transfers',
];

function tableNames(home: string): string[] {
  const { sqlite } = openDatabase(home, { nowIso: NOW });
  const rows = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[];
  sqlite.close();
  return rows.map((r) => r.name);
}

describe('migrations', () => {
  it('create the whole schema on an empty database, recorded and versioned', () => {
    const home = freshHome();
    const { sqlite, migration, path: dbPath } = openDatabase(home, { nowIso: NOW });
    expect(migration).toMatchObject({ from: 0, to: LATEST_SCHEMA_VERSION });
    expect(migration.applied.map((m) => m.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(sqlite.prepare('SELECT version, applied_at FROM schema_migrations').all()).toEqual(
      MIGRATIONS.map((m) => ({ version: m.version, applied_at: NOW })),
    );
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(sqlite.pragma('synchronous', { simple: true })).toBe(1); // NORMAL
    expect(sqlite.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    sqlite.close();
    expect(tableNames(home)).toEqual(TABLES);
    expect(fs.statSync(home).mode & 0o777).toBe(0o700);
    expect(fs.statSync(dbPath).mode & 0o777).toBe(0o600);
  });

  it('apply nothing the second time', () => {
    const home = freshHome();
    openDatabase(home, { nowIso: NOW }).sqlite.close();
    const second = openDatabase(home, { nowIso: NOW });
    expect(second.migration).toEqual({ from: LATEST_SCHEMA_VERSION, to: LATEST_SCHEMA_VERSION, applied: [] });
    second.sqlite.close();
  });

  it('upgrade a database at an older version in place without losing rows', () => {
    const home = freshHome();
    const v1 = openDatabase(home, { nowIso: NOW });
    v1.sqlite
      .prepare(
        "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Wallet', 'checking', 'USD', ?, ?)",
      )
      .run(NOW, NOW);
    const insertTx = v1.sqlite.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, created_ms, updated_ms)
       VALUES (1, ?, '2026-11-01', ?, 'USD', 'COFFEE', ?, ?)`,
    );
    for (let i = 0; i < 100; i++) insertTx.run(i, -100 - i, Date.parse(NOW), Date.parse(NOW));
    v1.sqlite.close();

    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      name: 'test: add a column',
      sql: "ALTER TABLE transactions ADD COLUMN tag TEXT NOT NULL DEFAULT 'none'",
    };
    const v2 = openDatabase(home, { nowIso: NOW, migrations: [...MIGRATIONS, next] });
    expect(v2.migration.applied).toEqual([{ version: next.version, name: next.name }]);
    const stats = v2.sqlite.prepare('SELECT count(*) AS n, sum(amount_cents) AS total, min(tag) AS tag FROM transactions').get();
    expect(stats).toEqual({ n: 100, total: -(100 * 100 + 4950), tag: 'none' });
    v2.sqlite.close();
  });

  it('upgrade a version 1 database to the real latest schema, keeping identical purchases', () => {
    const home = freshHome();
    const v1 = openDatabase(home, { nowIso: NOW, migrations: MIGRATIONS.slice(0, 1) });
    v1.sqlite
      .prepare(
        "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'W', 'checking', 'USD', ?, ?)",
      )
      .run(NOW, NOW);
    const insert = v1.sqlite.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, created_at, updated_at)
       VALUES (1, 7, '2026-11-01', -450, 'USD', 'COFFEE', ?, ?)`,
    );
    insert.run(NOW, NOW);
    expect(() => insert.run(NOW, NOW)).toThrow(/UNIQUE/);
    v1.sqlite.close();
    const latest = openDatabase(home, { nowIso: NOW });
    expect(latest.migration.applied.map((m) => m.version)).toEqual(MIGRATIONS.slice(1).map((m) => m.version));
    latest.sqlite
      .prepare(
        `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, created_ms, updated_ms)
         VALUES (1, 7, '2026-11-01', -450, 'USD', 'COFFEE', ?, ?)`,
      )
      .run(Date.parse(NOW), Date.parse(NOW));
    expect(latest.sqlite.prepare('SELECT count(*) AS n FROM transactions').get()).toEqual({ n: 2 });
    latest.sqlite.close();
  });

  it('move a version 10 home to categories in two levels, keeping rows, rules, budgets and edits', () => {
    const home = freshHome();
    const v10 = openDatabase(home, { nowIso: NOW, migrations: MIGRATIONS.slice(0, 10) });
    const db = v10.sqlite;
    db.prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'W', 'checking', 'USD', ?, ?)",
    ).run(NOW, NOW);
    db.prepare("INSERT INTO categories (name, builtin, created_at) VALUES ('pets', 0, ?), ('boat', 0, ?)").run(NOW, NOW);
    const insert = db.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, category, category_source,
         created_at, updated_at) VALUES (1, ?, '2026-11-01', ?, 'USD', ?, ?, ?, ?, ?)`,
    );
    insert.run(1, -180000, 'ELM ST APTS RENT', 'housing', 'builtin', NOW, NOW);
    insert.run(2, -4200, 'PETCO 123', 'pets', 'user', NOW, NOW);
    insert.run(3, -9900, 'MARINA FEES', 'boat', 'user', NOW, NOW);
    db.prepare("INSERT INTO rules (match, category, priority, created_at) VALUES ('landlord', 'housing', 0, ?)").run(NOW);
    db.prepare(
      "INSERT INTO budgets (category, amount_cents, currency, period, created_at, updated_at) VALUES ('housing', 200000, 'USD', 'monthly', ?, ?)",
    ).run(NOW, NOW);
    db.close();

    const latest = openDatabase(home, { nowIso: NOW });
    const q = (sql: string) => latest.sqlite.prepare(sql).all();
    expect(q('SELECT description, category, category_source FROM transactions ORDER BY id')).toEqual([
      { description: 'ELM ST APTS RENT', category: 'home', category_source: 'builtin' },
      { description: 'PETCO 123', category: 'pets', category_source: 'user' },
      { description: 'MARINA FEES', category: 'boat', category_source: 'user' },
    ]);
    expect(q('SELECT category FROM rules')).toEqual([{ category: 'home' }]);
    expect(q('SELECT category, amount_cents FROM budgets')).toEqual([{ category: 'home', amount_cents: 200000 }]);
    // The person's `pets` is the built-in one now; their `boat` stays theirs, at the top.
    expect(
      q("SELECT name, builtin, parent FROM categories WHERE name IN ('pets', 'boat', 'housing', 'home', 'coffee') ORDER BY name"),
    ).toEqual([
      { name: 'boat', builtin: 0, parent: null },
      { name: 'coffee', builtin: 1, parent: 'food' },
      { name: 'home', builtin: 1, parent: null },
      { name: 'pets', builtin: 1, parent: null },
    ]);
    latest.sqlite.close();
  });

  it('keep a version 20 home’s budget alert marks, and keep counted pending charges only with their mark', () => {
    const home = freshHome();
    const v20 = openDatabase(home, { nowIso: NOW, migrations: MIGRATIONS.slice(0, 20) });
    const db = v20.sqlite;
    db.prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'W', 'checking', 'USD', ?, ?)",
    ).run(NOW, NOW);
    db.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, pending, created_at, updated_at)
       VALUES (1, 1, '2026-11-05', -8960, 'USD', 'STEAM', 1, ?, ?)`,
    ).run(NOW, NOW);
    db.prepare(
      "INSERT INTO budgets (category, amount_cents, currency, period, created_at, updated_at) VALUES ('groceries', 25000, 'USD', 'monthly', ?, ?)",
    ).run(NOW, NOW);
    db.prepare(
      "INSERT INTO budget_alert_marks (budget_id, period_start, threshold, created_at) VALUES (1, '2026-11-01', 80, ?)",
    ).run(NOW);
    db.close();

    const latest = openDatabase(home, { nowIso: NOW });
    expect(latest.migration.applied.map((m) => m.version)).toEqual(MIGRATIONS.slice(20).map((m) => m.version));
    const q = latest.sqlite;
    expect(q.prepare('SELECT budget_id, period_start, threshold FROM budget_alert_marks').all()).toEqual([
      { budget_id: 1, period_start: '2026-11-01', threshold: 80 },
    ]);
    const count = q.prepare(
      'INSERT INTO budget_alert_pending (budget_id, period_start, threshold, transaction_id, amount_cents) VALUES (1, ?, ?, 1, 8960)',
    );
    count.run('2026-11-01', 80);
    // No mark, no counted charge; the mark cleared takes its charges with it.
    expect(() => count.run('2026-11-01', 100)).toThrow(/FOREIGN KEY/);
    q.prepare('DELETE FROM budget_alert_marks WHERE threshold = 80').run();
    expect(q.prepare('SELECT count(*) AS n FROM budget_alert_pending').get()).toEqual({ n: 0 });
    q.close();
  });

  it('rebuild a version 23 home’s transactions smaller, keeping every value and everything that points at them', () => {
    const home = freshHome();
    const v23 = openDatabase(home, { nowIso: NOW, migrations: MIGRATIONS.slice(0, 23) });
    const db = v23.sqlite;
    db.prepare(
      "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'W', 'checking', 'USD', ?, ?)",
    ).run(NOW, NOW);
    const insert = db.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, merchant_source,
         category, category_source, created_at, updated_at) VALUES (1, ?, '2026-11-01', ?, 'USD', ?, ?, ?, ?, ?, ?, ?)`,
    );
    const sources = [
      ['provider', 'builtin'],
      ['builtin', 'provider'],
      ['rule', 'rule'],
      ['user', 'user'],
      ['provider', 'none'],
    ] as const;
    sources.forEach(([merchant, category], i) =>
      insert.run(
        i + 1,
        -100 * (i + 1),
        `SHOP ${i}`,
        `Shop ${i}`,
        merchant,
        'shopping',
        category,
        NOW,
        `2026-11-2${i}T0${i}:30:15.12${i}Z`,
      ),
    );
    db.prepare(
      "INSERT INTO transfers (out_transaction_id, in_transaction_id, confidence, source, reasons, created_at) VALUES (1, 2, 1, 'user', '[]', ?)",
    ).run(NOW);
    db.prepare('UPDATE transactions SET transfer_id = 1 WHERE id IN (1, 2)').run();
    db.prepare("UPDATE transactions SET payee_key = CASE WHEN id < 4 THEN 'SHOP' ELSE 'OTHER SHOP' END WHERE id > 1").run();
    db.prepare(
      "INSERT INTO transaction_splits (transaction_id, position, category, amount_cents) VALUES (3, 0, 'pets', -300)",
    ).run();
    db.prepare(
      "INSERT INTO audit_log (transaction_id, field, old_value, new_value, source, at) VALUES (4, 'category', 'a', 'b', 'user', ?)",
    ).run(NOW);
    const before = db
      .prepare('SELECT * FROM transactions ORDER BY id')
      .all()
      .map((r) => ({ ...(r as object) }));
    db.close();

    const latest = openDatabase(home, { nowIso: NOW });
    const q = latest.sqlite;
    // Every value reads as before; the payee key through its number.
    const columns = Object.keys(before[0] as object)
      .map((c) => (c === 'payee_key' ? '(SELECT key FROM payees WHERE id = payee_id) AS payee_key' : c))
      .join(', ');
    expect(q.prepare(`SELECT ${columns} FROM transactions ORDER BY id`).all()).toEqual(before);
    expect(q.prepare('SELECT id, key FROM payees ORDER BY id').raw().all()).toEqual([
      [1, 'OTHER SHOP'],
      [2, 'SHOP'],
    ]);
    expect(q.prepare('SELECT merchant_src, category_src FROM transactions ORDER BY id').raw().all()).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
      [3, 3],
      [0, 4],
    ]);
    // Dropping the old table deleted nothing that points at its rows.
    expect(q.prepare('SELECT count(*) FROM transfers').pluck().get()).toBe(1);
    expect(q.prepare('SELECT count(*) FROM transaction_splits').pluck().get()).toBe(1);
    expect(q.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(1);
    expect(q.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(q.pragma('foreign_key_check')).toEqual([]);
    // A timestamp written as text is refused rather than stored.
    expect(() => q.prepare('UPDATE transactions SET updated_ms = ? WHERE id = 1').run(NOW)).toThrow(/CHECK/);
    q.close();
  });

  it('leave the old schema intact when a migration fails', () => {
    const home = freshHome();
    openDatabase(home, { nowIso: NOW }).sqlite.close();
    const good: Migration = { version: LATEST_SCHEMA_VERSION + 1, name: 'good', sql: 'CREATE TABLE extra (id INTEGER)' };
    const bad: Migration = { version: LATEST_SCHEMA_VERSION + 2, name: 'bad', sql: 'ALTER TABLE nosuch ADD COLUMN x' };
    expect(() => openDatabase(home, { nowIso: NOW, migrations: [...MIGRATIONS, good, bad] })).toThrow(/nosuch/);
    expect(tableNames(home)).not.toContain('extra');
    const { sqlite } = openDatabase(home, { nowIso: NOW });
    expect(sqlite.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    sqlite.close();
  });

  it('refuse a database newer than this finagg', () => {
    const home = freshHome();
    const { sqlite } = openDatabase(home, { nowIso: NOW });
    sqlite.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    sqlite.close();
    expect(() => openDatabase(home, { nowIso: NOW })).toThrow(/newer than this finagg/);
  });

  it('never create the database file readable by others, whatever the umask', () => {
    const home = freshHome();
    const old = process.umask(0o000);
    try {
      const { sqlite, path: dbPath } = openDatabase(home, { nowIso: NOW });
      sqlite.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', '1', ?)").run(NOW);
      expect(fs.statSync(dbPath).mode & 0o777).toBe(0o600);
      expect(fs.statSync(`${dbPath}-wal`).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(dbPath)).mode & 0o777).toBe(0o700);
      sqlite.close();
    } finally {
      process.umask(old);
    }
  });
});
