import { describe, expect, it } from 'vitest';
import { periodContaining, previousPeriod } from '../../src/core/budget-period';
import { openDatabase } from '../../src/storage/open-database';
import { householdEnv, runCli } from '../helpers/cli';

/**
 * `finagg demo` on the household (sim/household.ts), as a new user sees it: sample
 * budgets a person would set, a handful of anomalies a quarter, a few transactions a day.
 */
const NOW = '2026-11-23T12:00:00Z';
const HISTORY_DAYS = 200;

describe('the demo household', () => {
  it.each([3, 42, 2026])(
    'sets sample budgets at 0.8x to 1.5x of the usual period, and reads like a family (seed %i)',
    async (seed) => {
      const env = { ...householdEnv(seed, HISTORY_DAYS, NOW), TZ: 'UTC' };
      const home = env.FINAGG_HOME;
      const r = await runCli(['demo', '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      const demo = JSON.parse(r.stdout) as {
        transactions: number;
        budgets: { category: string; period: 'monthly' | 'weekly'; amount: string; currency: string }[];
      };
      // About 2 to 6 a day across the seven accounts.
      expect(demo.transactions / HISTORY_DAYS).toBeGreaterThan(2);
      expect(demo.transactions / HISTORY_DAYS).toBeLessThan(6);

      const { sqlite } = openDatabase(home, { nowIso: NOW });
      try {
        const spent = sqlite.prepare(
          `SELECT coalesce(-sum(amount_cents), 0) FROM transactions
         WHERE removed = 0 AND category IN (SELECT name FROM categories WHERE name = :c OR parent = :c)
           AND currency = :currency AND amount_cents < 0 AND date BETWEEN :start AND :end`,
        );
        expect(demo.budgets.map((b) => `${b.category}/${b.period}`).sort()).toEqual([
          'dining/weekly',
          'entertainment/monthly',
          'groceries/monthly',
        ]);
        for (const b of demo.budgets) {
          // The usual period: the median of the six whole ones before this one.
          const values: number[] = [];
          let range = periodContaining(NOW.slice(0, 10), b.period, 'monday');
          for (let i = 0; i < 6; i++) {
            range = previousPeriod(range, b.period, 'monday');
            // A budget on a top-level category counts the ones under it.
            values.push(spent.pluck().get({ c: b.category, currency: b.currency, start: range.start, end: range.end }) as number);
          }
          values.sort((x, y) => x - y);
          const usual = (values[2]! + values[3]!) / 2;
          const amount = Math.round(Number(b.amount) * 100);
          expect(amount / usual, `${b.category} ${b.period}: ${amount} against ${usual}`).toBeGreaterThanOrEqual(0.8);
          expect(amount / usual, `${b.category} ${b.period}: ${amount} against ${usual}`).toBeLessThanOrEqual(1.5);
        }
        // A handful of anomalies a quarter for the whole household, not dozens.
        const anomalies = sqlite.prepare('SELECT count(*) FROM anomalies').pluck().get() as number;
        expect(anomalies / (HISTORY_DAYS / 91)).toBeLessThanOrEqual(10);
      } finally {
        sqlite.close();
      }
    },
  );
});
