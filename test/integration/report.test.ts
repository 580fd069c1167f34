import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/storage/open-database';
import { runCli, syncedHousehold } from '../helpers/cli';

/**
 * `finagg report` and `report networth` on the simulated household: the books balance.
 * For every month and currency, net = income - spending, net worth moves by exactly the
 * net, and the month's rows add up to it (a transfer between own accounts cancels, its
 * incoming side counted in the month its money left).
 */
const NOW = '2026-11-23T12:00:00Z';

interface MonthJson {
  month: string;
  currency: string;
  income: number;
  spending: number;
  net: number;
  by_category: Record<string, number>;
}

const cents = (amount: number) => Math.round(amount * 100);

describe('cash flow and net worth', () => {
  it.each([3, 42])('balance to the cent over two years (seed %i)', async (seed) => {
    const { home, env } = await syncedHousehold(seed, 730, NOW);
    const months = JSON.parse((await runCli(['report', '--json'], env)).stdout) as MonthJson[];
    const worth = JSON.parse((await runCli(['report', 'networth', '--json'], env)).stdout) as {
      month: string;
      currency: string;
      net_worth: number;
    }[];
    expect(months.length).toBeGreaterThanOrEqual(2 * 24);
    const { sqlite } = openDatabase(home, { nowIso: NOW });
    try {
      // The newest month end is today's balances.
      const balances = sqlite.prepare('SELECT currency, sum(balance_cents) AS c FROM accounts GROUP BY currency').all() as {
        currency: string;
        c: number;
      }[];
      for (const b of balances) {
        const last = worth.filter((w) => w.currency === b.currency).at(-1)!;
        expect(cents(last.net_worth)).toBe(b.c);
      }
      // Rows by their own dates, and the pairs that straddle a month end.
      const rowSums = new Map(
        (
          sqlite
            .prepare(
              "SELECT substr(date, 1, 7) || '|' || currency AS k, sum(amount_cents) AS c FROM transactions WHERE removed = 0 AND pending = 0 GROUP BY k",
            )
            .all() as { k: string; c: number }[]
        ).map((r) => [r.k, r.c]),
      );
      const straddling = new Set(
        (
          sqlite
            .prepare(
              `SELECT substr(o.date, 1, 7) || '|' || o.currency AS a, substr(i.date, 1, 7) || '|' || i.currency AS b FROM transfers p
               JOIN transactions o ON o.id = p.out_transaction_id JOIN transactions i ON i.id = p.in_transaction_id
               WHERE substr(o.date, 1, 7) <> substr(i.date, 1, 7)`,
            )
            .all() as { a: string; b: string }[]
        ).flatMap((r) => [r.a, r.b]),
      );
      let checkedByRows = 0;
      for (const m of months) {
        const net = cents(m.net);
        expect(net, `${m.month} ${m.currency}`).toBe(cents(m.income) - cents(m.spending));
        // Spending is the sum of its categories: nothing drops out of the totals.
        expect(Object.values(m.by_category).reduce((s, v) => s + cents(v), 0)).toBe(cents(m.spending));
        const before = worth.find((w) => w.currency === m.currency && w.month === previousMonth(m.month));
        const after = worth.find((w) => w.currency === m.currency && w.month === m.month);
        if (before && after)
          expect(cents(after.net_worth) - cents(before.net_worth), `net worth in ${m.month} ${m.currency}`).toBe(net);
        const key = `${m.month}|${m.currency}`;
        if (!straddling.has(key)) {
          expect(rowSums.get(key) ?? 0, `rows of ${key}`).toBe(net);
          checkedByRows++;
        }
      }
      expect(checkedByRows).toBeGreaterThan(months.length / 3);
    } finally {
      sqlite.close();
    }
  });
});

function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
