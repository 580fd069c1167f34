import type { Database } from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { freshHome, runCli } from '../helpers/cli';
import { runs } from './support';

/**
 * What `budget list --json` says was spent is what the rows say: in the budget's
 * category, period and currency, rows not removed, spend is purchases less refunds and
 * never below zero (core/budget.ts BudgetStatus.spentCents, storage/budgets-repo.ts
 * spentBetween). Checked against arbitrary rows through the CLI in this process.
 */

const T0 = '2026-11-10T12:00:00.000Z';
const DAY = 86_400_000;

interface Row {
  offset: number;
  category: string;
  currency: string;
  removed: boolean;
  cents: number;
}

const row: fc.Arbitrary<Row> = fc.record({
  // Days from today: this period, the one before and the one after.
  offset: fc.integer({ min: -40, max: 40 }),
  category: fc.constantFrom('groceries', 'groceries', 'dining', 'transfer'),
  currency: fc.constantFrom('USD', 'USD', 'USD', 'EUR'),
  removed: fc.boolean(),
  // Purchases (negative) and refunds (positive), up to ten million dollars.
  cents: fc.oneof(fc.integer({ min: -20_000, max: 5_000 }), fc.integer({ min: -1_000_000_000, max: 1_000_000_000 })),
});

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period holding `today`, by hand: a calendar month, or Monday to Sunday. */
function period(today: string, kind: 'monthly' | 'weekly'): { start: string; end: string } {
  const ms = Date.parse(`${today}T00:00:00Z`);
  const d = new Date(ms);
  if (kind === 'monthly') {
    const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0);
    return { start: isoDay(start), end: isoDay(end) };
  }
  const back = (d.getUTCDay() + 6) % 7;
  return { start: isoDay(ms - back * DAY), end: isoDay(ms + (6 - back) * DAY) };
}

describe('budget spend on arbitrary rows', () => {
  let home: string;
  let sqlite: Database;
  const env = (now: string) => ({ FINAGG_HOME: home, FINAGG_NOW: now, FINAGG_KEYSTORE: 'file', TZ: 'UTC' });

  beforeAll(async () => {
    home = freshHome();
    sqlite = openDatabase(home, { nowIso: T0 }).sqlite;
    sqlite
      .prepare(
        "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', 'Everyday', 'checking', 'USD', ?, ?)",
      )
      .run(T0, T0);
    for (const argv of [
      ['budget', 'set', 'groceries', '100', '--create'],
      ['budget', 'set', 'dining', '50', '--period', 'weekly', '--create'],
    ]) {
      const r = await runCli(argv, env(T0));
      expect(r.code, r.stderr).toBe(0);
    }
  });

  afterAll(() => sqlite.close());

  it('spent = max(0, -sum of the amounts of live rows in the category, period and budget currency)', async () => {
    const insert = sqlite.prepare(
      `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, category, removed, created_ms, updated_ms)
       VALUES (1, ?, ?, ?, ?, 'SHOP', ?, ?, unixepoch(?) * 1000, unixepoch(?) * 1000)`,
    );
    const today = fc
      .integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
      .map((ms) => isoDay(ms));
    await fc.assert(
      fc.asyncProperty(today, fc.array(row, { maxLength: 25 }), async (day, rows) => {
        const dated = rows.map((r) => ({ ...r, date: isoDay(Date.parse(`${day}T00:00:00Z`) + r.offset * DAY) }));
        sqlite.transaction(() => {
          sqlite.prepare('DELETE FROM transactions').run();
          dated.forEach((r, i) => insert.run(i + 1, r.date, r.cents, r.currency, r.category, r.removed ? 1 : 0, T0, T0));
        })();
        const result = await runCli(['budget', 'list', '--json'], env(`${day}T12:00:00.000Z`));
        expect(result.code, result.stderr).toBe(0);
        const list = JSON.parse(result.stdout) as {
          category: string;
          amount: number;
          spent: number;
          remaining: number;
          percent: number;
          period: string;
          period_start: string;
          period_end: string;
          currency: string;
        }[];
        expect(list.map((b) => b.category).sort()).toEqual(['dining', 'groceries']);
        for (const b of list) {
          const range = period(day, b.period as 'monthly' | 'weekly');
          expect([b.period_start, b.period_end]).toEqual([range.start, range.end]);
          expect(b.currency).toBe('USD');
          const net = dated
            .filter(
              (r) =>
                r.category === b.category && r.currency === 'USD' && !r.removed && r.date >= range.start && r.date <= range.end,
            )
            .reduce((sum, r) => sum + r.cents, 0);
          const spentCents = Math.max(0, -net);
          const amountCents = Math.round(b.amount * 100);
          expect(Math.round(b.spent * 100)).toBe(spentCents);
          expect(Math.round(b.remaining * 100)).toBe(amountCents - spentCents);
          expect(b.percent).toBe(Math.round((spentCents / amountCents) * 1000) / 10);
        }
      }),
      runs(200),
    );
  }, 120_000);
});
