import { describe, expect, it } from 'vitest';
import { hbar, sparkline } from '../../../src/dashboard/charts';
import { fit, fitRight, monthName, shortTime } from '../../../src/dashboard/format';
import { computeLayout } from '../../../src/dashboard/layout';
import { windowStart } from '../../../src/dashboard/window';

const demo = { accounts: 7, budgets: 3, spending: 11, anomalies: 12, upcoming: 6 };
const height = (panels: { rows: number }[]) => panels.reduce((n, p) => n + p.rows + 2, 0);

describe('dashboard layout', () => {
  it('fits every panel in 80x24, one row short of the terminal so Ink never clears the screen', () => {
    const layout = computeLayout(80, 24, demo);
    expect(layout.tooSmall).toBe(false);
    expect(layout.bodyRows).toBe(21);
    expect(layout.columns.map((c) => c.width).reduce((a, b) => a + b)).toBe(80);
    const ids = layout.columns.flatMap((c) => c.panels.map((p) => p.id)).sort();
    expect(ids).toEqual(['accounts', 'anomalies', 'budgets', 'spending', 'transactions', 'trend', 'upcoming']);
    for (const column of layout.columns) expect(height(column.panels)).toBe(21);
    const budgets = layout.columns[0]!.panels.find((p) => p.id === 'budgets')!;
    expect(budgets.rows).toBe(3);
    const spending = layout.columns[0]!.panels.find((p) => p.id === 'spending')!;
    expect(spending.rows).toBeGreaterThanOrEqual(4);
    // The list keeps most of its column: what is coming takes a few rows, the anomalies a few.
    const right = Object.fromEntries(layout.columns[1]!.panels.map((p) => [p.id, p.rows]));
    expect(right).toEqual({ transactions: 8, upcoming: 3, anomalies: 4 });
  });

  it('gives a bigger terminal to the lists', () => {
    const small = computeLayout(80, 24, demo);
    const big = computeLayout(160, 50, demo);
    const tx = (l: typeof small) => l.columns[1]!.panels.find((p) => p.id === 'transactions')!.rows;
    expect(tx(big)).toBeGreaterThan(tx(small) + 15);
    const accounts = big.columns[0]!.panels.find((p) => p.id === 'accounts')!;
    expect(accounts.rows).toBe(7);
    expect(big.columns[1]!.panels.find((p) => p.id === 'upcoming')!.rows).toBe(6);
    for (const column of big.columns) expect(height(column.panels)).toBe(47);
  });

  it('stacks one column on a narrow terminal, dropping what does not fit', () => {
    const layout = computeLayout(50, 16, demo);
    expect(layout.columns).toHaveLength(1);
    expect(layout.columns[0]!.panels[0]!.id).toBe('transactions');
    expect(height(layout.columns[0]!.panels)).toBeLessThanOrEqual(13);
  });

  it('says when the terminal is too small', () => {
    expect(computeLayout(30, 24, demo).tooSmall).toBe(true);
    expect(computeLayout(80, 8, demo).tooSmall).toBe(true);
  });
});

describe('dashboard charts and cells', () => {
  it('draws bars in eighths and sparklines by height', () => {
    expect(hbar(50, 100, 4)).toBe('██');
    expect(hbar(1, 100, 4)).toBe('▏');
    expect(hbar(0, 100, 4)).toBe('');
    expect(sparkline([0, 1, 2, 4])).toBe('▁▃▅█');
  });

  it('fits text to a cell', () => {
    expect(fit('Whole Foods', 6)).toBe('Whole…');
    expect(fit('ab', 4)).toBe('ab  ');
    expect(fitRight('$5.00', 7)).toBe('  $5.00');
    expect(monthName('2026-06')).toBe('Jun');
    expect(shortTime('2026-11-23T12:05:00Z', 'UTC')).toBe('11-23 12:05');
    expect(shortTime(null, 'UTC')).toBe('never');
  });

  it('keeps the selected row in the window', () => {
    expect(windowStart(100, 0, 10)).toBe(0);
    expect(windowStart(100, 15, 10)).toBe(6);
    expect(windowStart(5, 4, 10)).toBe(0);
  });
});
