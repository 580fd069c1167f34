import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAlerts } from '../../src/app/alerts';
import { splitTransaction } from '../../src/app/split-transaction';
import { queryTransactions } from '../../src/app/transactions';
import { formatMoney } from '../../src/core/money';
import { insertAlert } from '../../src/storage/alerts-repo';
import { recordDelivered, recordFailed } from '../../src/storage/alert-deliveries-repo';
import { listBudgets } from '../../src/storage/budgets-repo';
import { type Dash, demoContext, demoHome, KEY, renderDashboard } from '../helpers/dashboard';

// The transaction detail and alerts dialogs on the real App over a real demo home.
let demo: Awaited<ReturnType<typeof demoHome>>;
let dash: Dash | undefined;

beforeAll(async () => {
  demo = await demoHome();
}, 120_000);

afterEach(async () => {
  await dash?.unmount();
  dash = undefined;
});

/** The newest money-out row of at least $10 of a fresh copy of the demo, moved to the top of the list. */
async function homeWithSplitRow() {
  const home = demo.copy();
  const ctx = demoContext(home);
  const [top] = await queryTransactions(ctx, { sort: 'date', ascending: false, limit: 1, offset: 0 });
  const row = ctx.sqlite
    .prepare(
      'SELECT id, amount_cents AS cents, currency FROM transactions WHERE amount_cents <= -1000 AND removed = 0 ORDER BY id LIMIT 1',
    )
    .get() as { id: number; cents: number; currency: string };
  // Dated after the newest row, so Enter on the first row opens it.
  ctx.sqlite.prepare('UPDATE transactions SET date = ? WHERE id = ?').run(top!.date, row.id);
  ctx.sqlite.prepare("UPDATE transactions SET date = date(date, '-1 day') WHERE date = ? AND id <> ?").run(top!.date, row.id);
  const first = -Math.round(row.cents * 0.75);
  const second = -row.cents - first;
  await splitTransaction(ctx, row.id, [`groceries=${first / 100}`, `home-improvement=${second / 100}`]);
  return { home, ctx, row, first, second };
}

describe('the transaction detail dialog', () => {
  it("lists a split row's parts, and says when the bank's amount no longer matches them", async () => {
    const { home, ctx, row, first, second } = await homeWithSplitRow();
    await ctx.close();
    dash = await renderDashboard(home);
    await dash.see(/Transactions · 1/);
    await dash.press(KEY.enter);
    let frame = await dash.see(`Transaction ${row.id}`);
    expect(frame).toMatch(new RegExp(`split\\s+groceries\\s+${escape(formatMoney(-first, row.currency))}`));
    expect(frame).toMatch(new RegExp(`home-improvement\\s+${escape(formatMoney(-second, row.currency))}`));
    expect(frame).not.toContain('not counted');
    await dash.press(KEY.escape);

    // The bank changes the amount after the split (another process, as a sync would).
    const other = demoContext(home);
    other.sqlite.prepare('UPDATE transactions SET amount_cents = amount_cents - 500 WHERE id = ?').run(row.id);
    await other.close();
    await dash.press(KEY.enter);
    frame = await dash.see('not counted');
    expect(frame).toContain(`not counted: the parts add up to ${formatMoney(row.cents, row.currency)}`);
  });

  it('shows no split lines for a row that is not split', async () => {
    dash = await renderDashboard(demo.copy());
    await dash.see(/Transactions · 1/);
    const [top] = await queryTransactions(dash.ctx, { sort: 'date', ascending: false, limit: 1, offset: 0 });
    await dash.press(KEY.enter);
    const frame = await dash.see(`Transaction ${top!.id}`);
    expect(frame).not.toMatch(/[│║]split /);
  });
});

describe('the alerts dialog', () => {
  it("shows each channel's delivery: delivered when, retrying with the error and next try, waiting", async () => {
    // Wide enough for the whole error; a narrow dialog cuts it at its end.
    dash = await renderDashboard(demo.copy(), { columns: 120, rows: 40 });
    await dash.see(/Transactions · 1/);
    // Written by another connection, as the daemon would: the dashboard picks it up.
    const other = demoContext(dash.ctx.home);
    const [budget] = await listBudgets(other.db);
    const alert = await insertAlert(other.db, {
      budgetId: budget!.id,
      category: budget!.category,
      threshold: 999,
      percent: 1000,
      periodStart: '2026-11-01',
      message: `${budget!.category}: delivery test`,
      createdAt: '2026-11-23T11:00:00Z',
      channels: ['terminal', 'email', 'push', 'webhook'],
    });
    await recordDelivered(other.db, alert!.id, 'terminal', '2026-11-23T11:01:00Z', null);
    await recordFailed(other.db, alert!.id, 'email', 'connection refused by smtp.example.com:587', '2026-11-23T11:30:00Z');
    await recordFailed(other.db, alert!.id, 'email', 'connection refused by smtp.example.com:587', '2026-11-23T12:30:00Z');
    await recordDelivered(other.db, alert!.id, 'push', '2026-11-23T11:02:00Z', 'no desktop notifier');
    await other.close();
    const unread = (await openAlerts(dash.ctx, false)).length;
    await dash.see(`│ ${unread} alert`);
    await dash.press('a');
    const frame = await dash.see('delivery test');
    const lines = frame.split('\n');
    const at = lines.findIndex((l) => l.includes('delivery test'));
    // Channels in name order under the alert's line.
    expect(lines[at + 1]).toMatch(
      /email\s+retrying: 2 attempts, next 11-23 12:30, last error: connection refused by smtp\.example\.com:587/,
    );
    expect(lines[at + 2]).toMatch(/push\s+skipped 11-23 11:02: no desktop notifier/);
    expect(lines[at + 3]).toMatch(/terminal\s+delivered 11-23 11:01/);
    expect(lines[at + 4]).toMatch(/webhook\s+waiting/);
  });
});

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
