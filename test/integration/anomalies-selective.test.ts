import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/app/anomalies';
import { addDays } from '../../src/core/dates';
import { cliContext } from '../helpers/context';
import { freshHome, runCli } from '../helpers/cli';

/**
 * A sync's new rows are checked against the store's history, read range by range
 * (storage/anomaly-history.ts): it must find exactly what a check against the whole
 * two-year window finds, on the simulated household with its planted anomalies.
 */
describe('the anomaly check of a sync', () => {
  it('finds from a selective history what it finds from the whole window', async () => {
    const home = freshHome();
    const env = {
      FINAGG_HOME: home,
      FINAGG_KEYSTORE: 'file',
      FINAGG_SEED: '7',
      FINAGG_SIM_HISTORY_DAYS: '900',
      FINAGG_SIM_DAILY: '30',
    };
    const cli = async (now: string, ...argv: string[]) => {
      const r = await runCli(argv, { ...env, FINAGG_NOW: now });
      expect(r.code, `${argv.join(' ')}: ${r.stderr}`).toBe(0);
      return r.stdout;
    };
    for (const bank of ['banka', 'bankb', 'bankc']) await cli('2026-09-01T12:00:00Z', 'link', bank, '--yes', '--no-sync');
    await cli('2026-09-01T12:00:00Z', 'sync');
    const ctx = cliContext(home, { ...env, FINAGG_NOW: '2026-10-15T12:00:00Z' });
    // A hobby the household keeps at about $120 a month, at shops it visits once: what
    // only the category's months before the new rows can judge.
    let hash = 1;
    const hobby = (sqlite: typeof ctx.sqlite, date: string, cents: number, account = 1) =>
      sqlite
        .prepare(
          `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, created_ms, updated_ms)
           VALUES (?, ?, ?, ?, 'USD', ?, ?, 'hobbies', unixepoch(?) * 1000, unixepoch(?) * 1000)`,
        )
        // Letters, not numbers, tell the shops apart: merchant keys drop digits.
        .run(account, hash, date, cents, `HOBBY SHOP ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[hash++]} DENVER CO`, null, date, date);
    for (const month of ['2026-04', '2026-05', '2026-06'])
      for (const day of ['05', '15', '25']) hobby(ctx.sqlite, `${month}-${day}`, -4000);
    // Three $400 shop visits of the summer, split: $10 a hobby, the rest groceries. Only
    // their parts make the summer's hobby months small (and October's a spike).
    const splitRows = ['2026-07-20', '2026-08-20', '2026-09-20'].map(
      (date) => hobby(ctx.sqlite, date, -40000).lastInsertRowid as number,
    );
    const sinceId = ctx.sqlite.prepare('SELECT max(id) FROM transactions').pluck().get() as number;
    await ctx.close();
    // Six weeks of new rows: enough targets that planted anomalies fall among them; and
    // an October of hobbies far above its usual month.
    await cli('2026-10-15T12:00:00Z', 'sync');
    const after = cliContext(home, { ...env, FINAGG_NOW: '2026-10-15T12:00:00Z' });
    // October's hobbies are paid mostly by the card (account 3), which never paid one
    // before: only the household's month, both accounts together, is a spike.
    const october = ['02', '04', '06', '08', '10'].map(
      (day, i) => hobby(after.sqlite, `2026-10-${day}`, -9000, i === 0 ? 1 : 3).lastInsertRowid as number,
    );
    const splitInto = after.sqlite.prepare(
      "INSERT INTO transaction_splits (transaction_id, position, category, amount_cents) VALUES (?, 0, 'hobbies', -1000), (?, 1, 'groceries', -39000)",
    );
    for (const id of splitRows) splitInto.run(id, id);
    // Rows the payee index places wrong or not at all must count where their text says:
    // a merchant renamed since the streams were refreshed (its stored key is stale) and a
    // pending charge (the index holds posted rows). Every earlier row of one merchant, on
    // every account, is renamed: its new rows are then a merchant the household never
    // paid, and the renamed rows are the history of a big charge at the new name.
    const renamed = after.sqlite
      .prepare(
        `SELECT payee_id FROM transactions WHERE id > ? AND account_id = 1 AND amount_cents < 0 AND pending = 0
         AND category NOT IN ('cash', 'income', 'transfer') GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
      )
      .pluck()
      .get(sinceId) as number;
    after.sqlite
      .prepare("UPDATE transactions SET merchant = 'Renamed Grocer', merchant_src = 3 WHERE payee_id = ? AND id <= ?")
      .run(renamed, sinceId);
    const newest = after.sqlite
      .prepare(
        `SELECT id FROM transactions WHERE id > ? AND account_id = 1 AND amount_cents < 0 AND pending = 0
         AND category = 'groceries' AND payee_id IS NOT ? ORDER BY id DESC LIMIT 2`,
      )
      .pluck()
      .all(sinceId, renamed) as number[];
    after.sqlite
      .prepare("UPDATE transactions SET merchant = 'Renamed Grocer', amount_cents = amount_cents * 12 WHERE id = ?")
      .run(newest[0]);
    after.sqlite.prepare("UPDATE transactions SET merchant = 'Renamed Grocer', pending = 1 WHERE id = ?").run(newest[1]);
    expect(after.sqlite.prepare('SELECT count(*) FROM stream_dirty').pluck().get()).toBeGreaterThan(20);
    try {
      const accounts = after.sqlite
        .prepare('SELECT DISTINCT account_id FROM transactions WHERE id > ?')
        .pluck()
        .all(sinceId) as number[];
      const from = addDays('2026-10-15', -90);
      const order = (f: { transactionId: number; type: string }[]) =>
        [...f].sort((a, b) => a.transactionId - b.transactionId || a.type.localeCompare(b.type));
      const selective = findAnomalies(after, accounts, from, sinceId, 'selective');
      const whole = findAnomalies(after, accounts, from, sinceId, 'all');
      expect(selective!.checked).toBe(whole!.checked);
      expect(selective!.checked).toBeGreaterThan(500);
      expect(whole!.found.length).toBeGreaterThan(0);
      // Against a usual month of $65 (the median of $120, $120, $120, $10, $10, $10), the
      // line is $165: $90 on account 1, then $90 on the card carries the household over.
      expect(whole!.found.filter((f) => f.type === 'category_spike')).toContainEqual(
        expect.objectContaining({ transactionId: october[1], accountId: 3 }),
      );
      // The household's first new row there, whichever account paid it.
      const firstAtRenamed = after.sqlite
        .prepare('SELECT id FROM transactions WHERE id > ? AND payee_id = ? AND removed = 0 ORDER BY date, id LIMIT 1')
        .pluck()
        .get(sinceId, renamed) as number;
      expect(whole!.found).toContainEqual(expect.objectContaining({ transactionId: firstAtRenamed, type: 'new_merchant' }));
      // The renamed merchant's big charge is judged against the renamed rows.
      expect(whole!.found).toContainEqual(expect.objectContaining({ transactionId: newest[0], type: 'unusual_amount' }));
      expect(order(selective!.found)).toEqual(order(whole!.found));
    } finally {
      await after.close();
    }
  }, 120_000);
});
