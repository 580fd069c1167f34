import { Chalk } from 'chalk';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { loadDashboardSnapshot } from '../../src/app/dashboard';
import { BudgetsPanel } from '../../src/dashboard/BudgetsPanel';
import { fit } from '../../src/dashboard/format';
import { SpendingPanel } from '../../src/dashboard/SpendingPanel';
import { ThemeContext } from '../../src/dashboard/theme';
import { runCli, syncedHousehold } from '../helpers/cli';
import { cliContext } from '../helpers/context';

/**
 * One number for what a category spent (core/spent.ts): `budget list`, `categories`, the
 * dashboard's budgets and spending panels as drawn, and `report` + its pending part agree
 * to the cent, for every category and currency of the month, on the simulated household
 * with pending charges, refunds, paired transfers, dollars and euros, and a split row.
 */
const NOW = '2026-11-25T18:00:00Z';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const cents = (amount: number) => Math.round(amount * 100);
/** An amount as the panels print it: `$1,234.56`, `€95.00`. */
const amountOf = (text: string) => cents(Number(text.replace(/[^\d.]/g, '')));

/** The lines a panel draws, colour off, at a size that shows every row. */
function drawn(panel: ReactElement): string[] {
  const r = render(
    <ThemeContext.Provider value={{ paint: new Chalk({ level: 0 }), colored: false }}>{panel}</ThemeContext.Provider>,
  );
  const lines = (r.lastFrame() ?? '').split('\n');
  r.unmount();
  return lines;
}

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
    const currencies = new Set<string>();
    let withPending = 0;
    for (const top of tops) {
      for (const [currency, spent] of Object.entries(top.spent_this_month_by_currency) as [string, number][]) {
        currencies.add(currency);
        // A budget in each currency the category spent in: the last one set stays (one per category).
        const budget = await json('budget', 'set', top.category, '100000', '--currency', currency);
        expect(budget.currency).toBe(currency);
        expect(cents(budget.spent), `${top.category} ${currency} budget`).toBe(cents(spent));
        expect(cents(budget.pending), `${top.category} ${currency} pending`).toBe(cents(top.pending_by_currency[currency]));
        const month = report.find((r) => r.currency === currency)!;
        const subtree = [top.category, ...(children.get(top.category) ?? [])];
        const sum = (by: Record<string, number>) => subtree.reduce((n, c) => n + cents(by[c] ?? 0), 0);
        expect(sum(month.by_category) + sum(month.pending_by_category), `${top.category} ${currency} report`).toBe(cents(spent));
        if (budget.pending > 0) withPending++;
      }
    }
    expect([...currencies].sort()).toEqual(['EUR', 'USD']);
    expect(withPending).toBeGreaterThan(0);

    // The dashboard's panels, drawn from its snapshot: the same figures on the screen.
    const list: Json[] = await json('budget', 'list');
    expect(new Set(list.map((b) => b.currency)).size).toBe(2);
    const ctx = cliContext(home, env);
    const snapshot = await loadDashboardSnapshot(ctx);
    await ctx.close();
    const budgetLines = drawn(
      <BudgetsPanel budgets={snapshot.budgets} width={80} rows={list.length} focused={false} selected={0} />,
    );
    for (const b of list) {
      const line = budgetLines.find((l) => l.startsWith(`│${fit(b.category, 14)}`));
      expect(line, `${b.category} on the budgets panel\n${budgetLines.join('\n')}`).toBeDefined();
      const [spent, of] = line!.match(/[$€][\d,]+\.\d\d/g)!;
      expect(amountOf(spent!), `${b.category} ${b.currency} on the panel`).toBe(cents(b.spent));
      expect(spent!.startsWith(b.currency === 'EUR' ? '€' : '$')).toBe(true);
      expect(amountOf(of!)).toBe(cents(b.amount));
    }
    // The spending panel draws each category's own rows (its children are their own bars),
    // in its own currency while no rate joins them.
    const own = new Map<string, number>();
    for (const c of categories)
      for (const [currency, spent] of Object.entries(c.spent_this_month_by_currency) as [string, number][]) {
        const key = `${c.category} ${currency}`;
        own.set(key, (own.get(key) ?? 0) + cents(spent));
        if (c.parent) own.set(`${c.parent} ${currency}`, (own.get(`${c.parent} ${currency}`) ?? 0) - cents(spent));
      }
    const shown = [...own].filter(([, n]) => n > 0);
    const spendingLines = drawn(
      <SpendingPanel spending={snapshot.spending} width={80} rows={snapshot.spending.length} focused={false} selected={0} />,
    );
    expect(spendingLines.length - 2).toBe(shown.length);
    for (const [key, n] of shown) {
      const [category, currency] = key.split(' ');
      const line = spendingLines.find(
        (l) => l.startsWith(`│${fit(category!, 14)}`) && l.includes(currency === 'EUR' ? '€' : '$'),
      );
      expect(line, `${key} on the spending panel\n${spendingLines.join('\n')}`).toBeDefined();
      expect(amountOf(line!.match(/[$€][\d,]+\.\d\d/)![0]), `${key} on the spending panel`).toBe(n);
    }
    // The pending part is named where a figure holds it: the panel's title, the budget list's text.
    const usdPending = snapshot.spending.filter((s) => s.currency === snapshot.spending[0]!.currency);
    const pendingCents = usdPending.reduce((n, s) => n + s.pendingCents, 0);
    expect(pendingCents).toBeGreaterThan(0);
    expect(spendingLines[0]).toContain(`$${(pendingCents / 100).toLocaleString('en-US', { minimumFractionDigits: 2 })} pending`);
    const text = await runCli(['budget', 'list'], env);
    expect(text.stdout).toMatch(/\$[\d,]+\.\d\d, \$[\d,]+\.\d\d of it pending/);
  }, 120_000);

  it('refuses a budget in a currency that is none, in one line, and changes nothing', async () => {
    const { env } = await syncedHousehold(7, 30, NOW);
    const r = await runCli(['budget', 'set', 'dining', '100', '--currency', 'DOLLARS'], env);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--currency');
    expect(r.stderr).toContain('DOLLARS');
    const list = await runCli(['budget', 'list', '--json'], env);
    expect(JSON.parse(list.stdout)).toEqual([]);
  }, 60_000);
});
