import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openAlerts } from '../../src/app/alerts';
import { anomaliesOver } from '../../src/app/anomalies';
import { queryTransactions } from '../../src/app/transactions';
import { transactionDetail } from '../../src/app/transaction-detail';
import { KEYS } from '../../src/dashboard/keys';
import { insertAlert } from '../../src/storage/alerts-repo';
import { listBudgets } from '../../src/storage/budgets-repo';
import { type Dash, demoContext, demoHome, KEY, renderDashboard } from '../helpers/dashboard';
import { BUILTIN_CATEGORIES } from '../../src/core/transaction';

/** A row's category column: any built-in category, at either level. */
const CATEGORY_CELL = new RegExp(` (${BUILTIN_CATEGORIES.join('|')})\\s`);

// Every panel and every key of the dashboard, on the real App over a real demo home.
let demo: Awaited<ReturnType<typeof demoHome>>;
let dash: Dash | undefined;

beforeAll(async () => {
  demo = await demoHome();
}, 120_000);

afterEach(async () => {
  await dash?.unmount();
  dash = undefined;
});

const open = async (options?: Parameters<typeof renderDashboard>[1]) => {
  dash = await renderDashboard(demo.copy(), options);
  // The position shows once the first page of transactions is read.
  await dash.see(/Transactions · 1/);
  return dash;
};

/** The title line of the focused panel (its border is double). */
const focusedTitle = (frame: string) => /╔═ ([A-Za-z0-9 -]+)/.exec(frame)?.[1]?.trim();

describe('dashboard panels at 80x24', () => {
  it('draws every panel inside the terminal, one row short of it', async () => {
    const d = await open();
    const frame = await d.see(/6-month trend \(USD\)/);
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(23);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    for (const title of [
      'Accounts',
      'Budgets',
      'Spending this month',
      'Transactions',
      'Next 30 days',
      'Anomalies',
      '6-month trend',
    ]) {
      expect(frame).toContain(title);
    }
  });

  it('header: one net worth in the home currency, last sync, no daemon, unread alerts', async () => {
    const d = await open();
    const header = (await d.see('finagg │')).split('\n')[0]!;
    expect(header).toMatch(/^finagg │ (net worth )?-?\$[\d,]+\.\d\d │ (synced )?11-23 12:00 │ no daemon │ \d+ alerts?/);
  });

  it('accounts with balances, budgets with bars, spending bars and the trend sparkline', async () => {
    const d = await open();
    const frame = await d.see(/Nov[▁▂▃▄▅▆▇█]/);
    expect(frame).toMatch(/Everyday Checking\s+-?\$[\d,]+\.\d\d/);
    expect(frame).toMatch(/groceries\s+[#.!]+\s+\d+%/);
    expect(frame).toMatch(/[a-z]+\s+█*[▏▎▍▌▋▊▉█]\s+\$[\d,]+\.\d\d/);
    expect(frame).toMatch(/Jun[▁▂▃▄▅▆▇█] Jul[▁▂▃▄▅▆▇█] Aug[▁▂▃▄▅▆▇█] Sep[▁▂▃▄▅▆▇█] Oct[▁▂▃▄▅▆▇█] Nov[▁▂▃▄▅▆▇█]/);
  });

  it('transactions: only the rows that fit, newest first, read from the database', async () => {
    const d = await open();
    const frame = d.frame();
    const newest = await queryTransactions(d.ctx, { sort: 'date', ascending: false, limit: 40, offset: 0 });
    const shown = frame.split('\n').filter((l) => /^[│║]\d\d-\d\d /.test(l.slice(36)));
    expect(shown.length).toBeGreaterThan(5);
    expect(shown.length).toBeLessThanOrEqual(14);
    expect(frame).toContain(newest[0]!.date.slice(5));
  });

  it('anomalies: the open ones with their severity', async () => {
    const d = await open();
    const open90 = await anomaliesOver(d.ctx, { days: 90, all: false, recompute: false });
    expect(open90.length).toBeGreaterThan(0);
    const frame = await d.see(`Anomalies · ${open90.length > 5 ? `1/${open90.length}` : open90.length}`);
    expect(frame).toMatch(/(!!|! |· ) \d\d-\d\d /);
  });

  it('uses a bigger terminal: more rows and the category and account columns', async () => {
    const d = await open({ columns: 160, rows: 50 });
    const frame = await d.see('Transactions');
    expect(frame.split('\n').length).toBeLessThanOrEqual(49);
    const rows = frame.split('\n').filter((l) => CATEGORY_CELL.test(l.slice(64)));
    expect(rows.length).toBeGreaterThan(20);
  });

  it('redraws at the new size on resize', async () => {
    const d = await open();
    await d.resize(120, 40);
    let frame = await d.see(/Transactions/);
    expect(Math.max(...frame.split('\n').map((l) => l.length))).toBe(120);
    await d.resize(60, 20);
    frame = await d.see('Transactions');
    expect(Math.max(...frame.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
    expect(frame.split('\n').length).toBeLessThanOrEqual(19);
    await d.resize(30, 10);
    await d.see('terminal too small');
  });

  it('honours NO_COLOR: no escape codes without colour, colour with it', async () => {
    const plain = await open();
    // Reverse video marks the selection either way; colours are what NO_COLOR turns off.
    const colour = /\u001b\[(3[0-8]|9[0-7]|4[0-8]|10[0-7])(;\d+)*m/;
    expect(plain.frame()).not.toMatch(colour);
    await plain.unmount();
    dash = undefined;
    const colored = await open({ color: true });
    expect(colored.frame()).toMatch(colour);
  });

  it('picks up what another process writes (data_version)', async () => {
    const d = await open();
    const other = demoContext(d.ctx.home);
    other.sqlite.prepare("UPDATE accounts SET name = 'Renamed Checking' WHERE name = 'Everyday Checking'").run();
    await other.close();
    await d.see('Renamed Checking');
  });
});

describe('dashboard keys', () => {
  it('? lists every key; ? or Esc closes it', async () => {
    const d = await open();
    await d.press('?');
    const help = await d.see('Keys');
    for (const k of KEYS) expect(help).toContain(k.does);
    await d.press(KEY.escape);
    await d.see('Anomalies');
    await d.press('?');
    await d.see('this help');
    await d.press('?');
    await d.see('Anomalies');
  });

  it('Tab and Shift-Tab move between panels', async () => {
    const d = await open();
    expect(focusedTitle(d.frame())).toBe('Transactions');
    await d.press(KEY.tab);
    await d.see('╔═ Anomalies');
    await d.press(KEY.tab, KEY.tab);
    await d.see('╔═ Budgets');
    await d.press(KEY.shiftTab);
    await d.see('╔═ Accounts');
  });

  it('arrows, j/k, PgDn and g move the selection, reading pages as it scrolls', async () => {
    const d = await open();
    await d.see('Transactions · 1');
    await d.press('j', KEY.down);
    await d.see('Transactions · 3');
    await d.press('k');
    await d.see('Transactions · 2');
    await d.press(KEY.up);
    await d.see('Transactions · 1');
    // Two pages of the list's eight rows at 80x24 (what is coming and the anomalies take the rest).
    await d.press(KEY.pageDown, KEY.pageDown);
    const frame = await d.see('Transactions · 17');
    const [row17] = await queryTransactions(d.ctx, { sort: 'date', ascending: false, limit: 1, offset: 16 });
    expect(frame).toContain((row17!.merchant ?? row17!.description).slice(0, 8));
    await d.press('g');
    await d.see('Transactions · 1');
    // Other panels move their own selection.
    await d.press(KEY.tab, KEY.tab);
    await d.see('╔═ Accounts');
    await d.press('j');
    await d.see(/Accounts · 2\/7/);
  });

  it('Enter shows the selected transaction; Esc closes it', async () => {
    const d = await open();
    const [first] = await queryTransactions(d.ctx, { sort: 'date', ascending: false, limit: 1, offset: 0 });
    await d.press(KEY.enter);
    const frame = await d.see(`Transaction ${first!.id}`);
    expect(frame).toContain(first!.description.slice(0, 20));
    expect(frame).toMatch(/category\s+\S+ \(set by /);
    await d.press(KEY.escape);
    await d.see('Anomalies');
  });

  it('/ searches; Esc clears the filter', async () => {
    const d = await open();
    const [first] = await queryTransactions(d.ctx, { sort: 'date', ascending: false, limit: 1, offset: 0 });
    const word = (first!.merchant ?? first!.description).split(' ')[0]!.slice(0, 6);
    await d.press('/');
    await d.see('Enter search');
    await d.press(...word.split(''), 'x', KEY.backspace, KEY.enter);
    await d.see(`Transactions · "${word}"`);
    const matching = await queryTransactions(d.ctx, { search: word, sort: 'date', ascending: false, limit: 50, offset: 0 });
    expect(matching.length).toBeGreaterThan(0);
    await d.press(KEY.escape);
    await d.see('filters cleared');
    expect(d.frame()).not.toContain(`"${word}"`);
  });

  it('c filters by category', async () => {
    const d = await open();
    await d.press('c');
    await d.see('Filter by category');
    await d.see('all categories');
    await d.press('j', KEY.enter);
    const category = d.ctx.sqlite
      .prepare('SELECT name FROM categories WHERE parent IS NULL ORDER BY name LIMIT 1')
      .pluck()
      .get() as string;
    await d.see(`Transactions · ${category} · 1`);
    await d.press('c', 'k', KEY.enter);
    await d.see(/Transactions · 1[/ ]/);
    expect(d.frame()).not.toContain(`Transactions · ${category}`);
  });

  it('e changes the category of the selected transaction, audited as a manual edit', async () => {
    const d = await open();
    const [first] = await queryTransactions(d.ctx, { sort: 'date', ascending: false, limit: 1, offset: 0 });
    await d.press('e');
    await d.see(`New category for transaction ${first!.id}`);
    await d.see('(now)');
    const names = d.ctx.sqlite.prepare('SELECT name FROM categories ORDER BY name').pluck().all() as string[];
    await d.press(names.indexOf(first!.category) === 0 ? 'j' : 'k', KEY.enter);
    const frame = await d.see(`transaction ${first!.id}: ${first!.category} → `);
    const to = new RegExp(`→ (\\S+)`).exec(frame)![1]!;
    const detail = await transactionDetail(d.ctx, first!.id);
    expect(detail.transaction.category).toBe(to);
    expect(detail.categorySource).toBe('user');
    const audit = d.ctx.sqlite
      .prepare("SELECT old_value, new_value, source FROM audit_log WHERE transaction_id = ? AND field = 'category'")
      .all(first!.id);
    expect(audit).toEqual([{ old_value: first!.category, new_value: to, source: 'user' }]);
  });

  it('s syncs now with a line per account; the screen stays live', async () => {
    const d = await open();
    await d.press('s');
    await d.see(/Sync/);
    const frame = await d.see('done:');
    const accounts = frame.split('\n').filter((l) => / fetched, [\d,]+ new/.test(l));
    expect(accounts).toHaveLength(7);
    expect(frame).toContain('✓ banka Everyday Checking');
    await d.press(KEY.escape);
    await d.see('Anomalies');
  });

  it('a shows the unread alerts and a again acknowledges them', async () => {
    const d = await open();
    // Written by another connection, as the daemon would: the dashboard picks it up.
    const other = demoContext(d.ctx.home);
    const [budget] = await listBudgets(other.db);
    await insertAlert(other.db, {
      budgetId: budget!.id,
      category: budget!.category,
      threshold: 999,
      percent: 1000,
      periodStart: '2026-11-01',
      message: `${budget!.category}: test alert`,
      createdAt: '2026-11-23T11:00:00Z',
      channels: [],
    });
    await other.close();
    const unread = (await openAlerts(d.ctx, false)).length;
    await d.see(`│ ${unread} alert`);
    await d.press('a');
    await d.see(`Unread alerts (${unread})`);
    await d.see('test alert');
    await d.press('a');
    await d.see(`${unread} alert${unread === 1 ? '' : 's'} acknowledged`);
    expect(await openAlerts(d.ctx, false)).toEqual([]);
    await d.see('│ 0 alerts');
    await d.press('a');
    await d.see('no unread alerts');
  });

  it('d dismisses the selected anomaly', async () => {
    const d = await open();
    const [first] = await anomaliesOver(d.ctx, { days: 90, all: false, recompute: false });
    await d.press('d');
    await d.see('select one in Anomalies');
    await d.press(KEY.tab, 'd');
    await d.see(`anomaly ${first!.id} dismissed`);
    const after = await anomaliesOver(d.ctx, { days: 90, all: false, recompute: false });
    expect(after.map((a) => a.id)).not.toContain(first!.id);
  });

  it('Enter on a spending bar filters the transactions by its category', async () => {
    const d = await open();
    await d.press(KEY.shiftTab);
    await d.see('╔═ Spending this month');
    await d.press(KEY.enter);
    await d.see(/Transactions · [a-z]+ · 1/);
  });

  it('keys that arrive together (typed fast, pasted, tmux) each take effect in order', async () => {
    const d = await open();
    await d.press('jjj');
    await d.see('Transactions · 4');
    await d.press(`/${'Amaz'}\r`);
    await d.see('Transactions · "Amaz" · 1');
    await d.press(`${KEY.escape}`, 'cj\r');
    const category = d.ctx.sqlite
      .prepare('SELECT name FROM categories WHERE parent IS NULL ORDER BY name LIMIT 1')
      .pluck()
      .get() as string;
    await d.see(`Transactions · ${category} · 1`);
  });

  it('q quits: nothing answers after it', async () => {
    const d = await open();
    await d.press('q');
    await d.press('?');
    await new Promise((r) => setTimeout(r, 100));
    expect(d.frame()).not.toContain('this help');
  });
});
