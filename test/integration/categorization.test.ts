import { BUILTIN_CATEGORIES } from '../../src/core/transaction';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T18:00:00Z');
const BASE = { FINAGG_SEED: '5', FINAGG_KEYSTORE: 'file', FINAGG_SIM_HISTORY_DAYS: '45', FINAGG_SIM_DAILY: '6' };
const iso = (ms: number) => new Date(ms).toISOString();

interface Row {
  id: number;
  description: string;
  merchant: string | null;
  merchant_source: string;
  category: string;
  category_source: string;
  rule_id: number | null;
}

async function syncedHome() {
  const home = freshHome();
  const cli = (atMs: number, ...argv: string[]) => runCli(argv, { ...BASE, FINAGG_HOME: home, FINAGG_NOW: iso(atMs) });
  expect((await cli(NOW, 'link', 'banka', '--yes', '--no-sync')).code).toBe(0);
  expect((await cli(NOW, 'sync')).code).toBe(0);
  const query = <T>(sql: string, ...params: unknown[]): T[] => {
    const { sqlite } = openDatabase(home, { nowIso: iso(NOW) });
    try {
      return sqlite.prepare(sql).all(...params) as T[];
    } finally {
      sqlite.close();
    }
  };
  const rows = () =>
    query<Row>(
      'SELECT id, description, merchant, merchant_source, category, category_source, rule_id FROM transactions ORDER BY id',
    );
  return { home, cli, query, rows };
}

/** The most frequent first word of the stored descriptions, a merchant seen many times. */
function commonWord(rows: Row[]): string {
  const counts = new Map<string, number>();
  for (const r of rows) {
    const word = /[A-Za-z]{4,}/.exec(r.description)?.[0]?.toUpperCase();
    if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('rules, manual edits and the audit trail', () => {
  it('keeps the precedence manual edit > rule > built-in, renames merchants, and audits each source', async () => {
    const { cli, query, rows } = await syncedHome();
    const before = rows();
    const word = commonWord(before);
    const matching = before.filter((r) => new RegExp(`(?<![A-Za-z0-9])${word}(?![A-Za-z0-9])`, 'i').test(r.description));
    expect(matching.length).toBeGreaterThan(2);
    const [edited, ...ruled] = matching;
    const manual = edited!.category === 'travel' ? 'health' : 'travel';

    // A rule that introduces a new category says so.
    const add = await cli(
      NOW,
      'rules',
      'add',
      '--match',
      word.toLowerCase(),
      '--category',
      'aquarium',
      '--rename',
      'Pet Place',
      '--json',
    );
    expect(add.code).toBe(0);
    expect(add.stderr).toContain('new category "aquarium"');
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 1, match: word.toLowerCase(), category: 'aquarium', rename: 'Pet Place' });

    const test = await cli(NOW, 'rules', 'test', edited!.description, '--amount', '-12.5', '--json');
    expect(JSON.parse(test.stdout)).toEqual({ category: 'aquarium', source: 'rule', rule_id: 1, merchant: 'Pet Place' });

    // A person's edit, audited as theirs.
    const edit = await cli(NOW, 'tx', 'edit', String(edited!.id), '--category', manual, '--note', 'lunch with Sam', '--json');
    expect(edit.code).toBe(0);
    expect(JSON.parse(edit.stdout)).toMatchObject({ id: edited!.id, category: manual, note: 'lunch with Sam' });

    // A dry run shows and changes nothing.
    const dry = await cli(NOW, 'rules', 'apply', '--dry-run', '--json');
    expect(JSON.parse(dry.stdout).changed).toBeGreaterThanOrEqual(ruled.length);
    expect(rows().filter((r) => r.category === 'aquarium')).toEqual([]);

    const apply = await cli(NOW, 'rules', 'apply', '--json');
    expect(apply.code).toBe(0);
    expect(JSON.parse(apply.stdout).changed).toBe(JSON.parse(dry.stdout).changed);
    const after = new Map(rows().map((r) => [r.id, r]));
    for (const r of ruled) {
      expect(after.get(r.id)).toMatchObject({
        category: 'aquarium',
        category_source: 'rule',
        rule_id: 1,
        merchant: 'Pet Place',
        merchant_source: 'rule',
      });
    }
    // The manual category stands; the rule still renamed the merchant, which the person did not set.
    expect(after.get(edited!.id)).toMatchObject({ category: manual, category_source: 'user', merchant: 'Pet Place' });

    // A second apply finds nothing more to do.
    expect(JSON.parse((await cli(NOW, 'rules', 'apply', '--json')).stdout).changed).toBe(0);

    // New transactions from a sync get the rule at once; the bank's changes are audited as the sync's.
    const later = NOW + 4 * DAY;
    expect((await cli(later, 'sync')).code).toBe(0);
    const fresh = query<Row>(
      'SELECT * FROM transactions WHERE id > ? AND description LIKE ?',
      Math.max(...before.map((r) => r.id)),
      `%${word}%`,
    );
    for (const r of fresh) expect(r).toMatchObject({ category: 'aquarium', category_source: 'rule', rule_id: 1 });

    const audit = JSON.parse((await cli(later, 'audit', '--limit', '100000', '--json')).stdout) as {
      source: string;
      field: string;
      transaction_id: number;
      old_value: string;
      new_value: string;
      reason: string;
    }[];
    const sources = new Set(audit.map((e) => e.source));
    expect(sources).toEqual(new Set(['user', 'rule', 'sync']));
    expect(audit).toContainEqual(
      expect.objectContaining({ transaction_id: edited!.id, field: 'category', new_value: manual, source: 'user' }),
    );
    expect(audit).toContainEqual(
      expect.objectContaining({
        transaction_id: ruled[0]!.id,
        field: 'category',
        old_value: ruled[0]!.category,
        new_value: 'aquarium',
        source: 'rule',
        reason: `rule 1 (${word.toLowerCase()})`,
      }),
    );
    const ofEdited = JSON.parse((await cli(later, 'audit', '--tx', String(edited!.id), '--json')).stdout) as {
      transaction_id: number;
    }[];
    expect(ofEdited.length).toBeGreaterThan(0);
    expect(ofEdited.every((e) => e.transaction_id === edited!.id)).toBe(true);

    // Without the rule, apply gives the rows back to the built-in categorizer; the edit stays.
    expect((await cli(later, 'rules', 'rm', '1')).code).toBe(0);
    expect((await cli(later, 'rules', 'apply')).code).toBe(0);
    const reverted = new Map(rows().map((r) => [r.id, r]));
    for (const r of ruled) expect(reverted.get(r.id)).toMatchObject({ category: r.category, rule_id: null });
    expect(reverted.get(edited!.id)!.category).toBe(manual);

    const categories = JSON.parse((await cli(later, 'categories', '--json')).stdout) as { category: string; count: number }[];
    expect(categories.find((c) => c.category === 'aquarium')).toMatchObject({ count: 0 });
    for (const name of BUILTIN_CATEGORIES) expect(categories.map((c) => c.category)).toContain(name);
    expect(categories.find((c) => c.category === manual)!.count).toBeGreaterThan(0);
  });

  it('refuses bad input with one line and exit 2, and changes nothing', async () => {
    const { cli, query } = await syncedHome();
    const state = () =>
      JSON.stringify(
        query('SELECT id, category, merchant, note FROM transactions ORDER BY id').concat(
          query('SELECT * FROM rules'),
          query('SELECT * FROM audit_log'),
          query('SELECT * FROM categories'),
        ),
      );
    const start = state();
    const cases: [string[], RegExp][] = [
      [
        ['rules', 'add', '--match', '/(unclosed/', '--category', 'x'],
        /^finagg: invalid --match "\/\(unclosed\/": not a valid regex/,
      ],
      [['rules', 'add', '--match', '', '--category', 'dining'], /^finagg: invalid --match "": must not be empty/],
      [
        ['rules', 'add', '--match', 'acme', '--min', '50', '--max', '5', '--category', 'dining'],
        /^finagg: invalid --max "5": must not be below --min/,
      ],
      [['rules', 'add', '--match', 'acme', '--category', 'Bad Name!'], /^finagg: invalid --category "Bad Name!"/],
      [['rules', 'add', '--match', 'acme', '--category', 'dining', '--account', 'nope'], /^finagg: no account "nope"/],
      [['rules', 'rm', '99'], /^finagg: no rule 99/],
      [['tx', 'edit', '999999', '--category', 'dining'], /^finagg: no transaction 999999/],
      [['tx', 'edit', '1'], /^finagg: nothing to change/],
      [['tx', 'edit', '1', '--category', 'grocerys'], /^finagg: no category "grocerys" \(did you mean groceries\?\)/],
      [['tx', 'edit', 'abc', '--note', 'x'], /^finagg: invalid <id> "abc"/],
      [['audit', '--tx', '999999'], /^finagg: no transaction 999999/],
      [['rules', 'test', 'ACME', '--amount', 'lots'], /^finagg: invalid --amount "lots"/],
    ];
    for (const [argv, message] of cases) {
      const r = await cli(NOW, ...argv);
      expect({ argv, code: r.code }).toEqual({ argv, code: 2 });
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    }
    expect(state()).toBe(start);
  });
});
