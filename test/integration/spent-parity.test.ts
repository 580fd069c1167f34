import { describe, expect, it } from 'vitest';
import { loadDashboardSnapshot } from '../../src/app/dashboard';
import { runCli, syncedHousehold } from '../helpers/cli';
import { cliContext } from '../helpers/context';

/**
 * One number for what a category spent (core/spent.ts): `budget list`, `categories`, the
 * dashboard's budgets panel and `report` + its pending part agree to the cent, for every
 * top-level category and currency of the month, on the simulated household with pending
 * charges, refunds, paired transfers, two currencies and a split row.
 */
const NOW = '2026-11-25T18:00:00Z';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const cents = (amount: number) => Math.round(amount * 100);

describe('what was spent', () => {
  it('is the same number in budgets, categories, the dashboard and report + pending, with the pending part named', async () => {
    const { home, env } = await syncedHousehold(7, 120, NOW);
    const json = async (...argv: string[]) => {
      const r = await runCli([...argv, '--json'], env);
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    const pending = await json('tx', '--pending', '--limit', '500');
    expect(pending.length).toBeGreaterThan(0);
    // A posted purchase of the month split in two categories.
    const [posted] = (await json('tx', '--from', '2026-11-01', '--min', '20', '--limit', '100')).filter(
      (t: Json) => !t.pending && !t.transfer_id && t.currency === 'USD' && t.amount < 0,
    );
    const half = (Math.round(-posted.amount * 50) / 100).toFixed(2);
    const rest = (-posted.amount - Number(half)).toFixed(2);
    expect((await runCli(['tx', 'split', String(posted.id), `groceries=${half}`, `dining=${rest}`], env)).code).toBe(0);

    const categories: Json[] = await json('categories');
    const tops = categories.filter((c) => c.parent === null && Object.keys(c.spent_this_month_by_currency).length > 0);
    expect(tops.length).toBeGreaterThan(3);
    const report = (await json('report', '--from', '2026-11', '--to', '2026-11')) as Json[];
    const children = new Map<string, string[]>();
    for (const c of categories) if (c.parent) children.set(c.parent, [...(children.get(c.parent) ?? []), c.category]);
    let withPending = 0;
    for (const top of tops) {
      // A budget is in the household's main currency (dollars here); the euros' categories are checked through report below.
      for (const [currency, spent] of Object.entries(top.spent_this_month_by_currency) as [string, number][]) {
        if (currency !== 'USD') {
          const month = report.find((r) => r.currency === currency)!;
          const subtree = [top.category, ...(children.get(top.category) ?? [])];
          const sum = (by: Record<string, number>) => subtree.reduce((n, c) => n + cents(by[c] ?? 0), 0);
          expect(sum(month.by_category) + sum(month.pending_by_category), `${top.category} ${currency} report`).toBe(
            cents(spent),
          );
          continue;
        }
        const budget = await json('budget', 'set', top.category, '100000');
        expect(cents(budget.spent), `${top.category} ${currency} budget`).toBe(cents(spent));
        expect(cents(budget.pending)).toBe(cents(top.pending_by_currency[currency]));
        const month = report.find((r) => r.currency === currency)!;
        const subtree = [top.category, ...(children.get(top.category) ?? [])];
        const sum = (by: Record<string, number>) => subtree.reduce((n, c) => n + cents(by[c] ?? 0), 0);
        expect(sum(month.by_category) + sum(month.pending_by_category), `${top.category} ${currency} report`).toBe(cents(spent));
        if (budget.pending > 0) withPending++;
      }
    }
    expect(withPending).toBeGreaterThan(0);
    // The dashboard's budgets panel reads the same statuses.
    const snapshot = await loadDashboardSnapshot(cliContext(home, env));
    const list: Json[] = await json('budget', 'list');
    for (const b of snapshot.budgets) {
      const same = list.find((l) => l.category === b.budget.category)!;
      expect(b.spentCents).toBe(cents(same.spent));
      expect(b.pendingCents ?? 0).toBe(cents(same.pending));
    }
    // And the text says the pending part.
    const text = await runCli(['budget', 'list'], env);
    expect(text.stdout).toMatch(/\$[\d,]+\.\d\d, \$[\d,]+\.\d\d of it pending/);
  }, 120_000);
});
