import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/app/anomalies';
import { merchantKey } from '../../src/core/anomalies/types';
import { cliContext } from '../helpers/context';
import { freshHome } from '../helpers/cli';

const NOW = '2026-07-31T12:00:00.000Z';
const FIRST_HALF = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

/**
 * The household's anomalies from the store (issue 38): the rows of four accounts written
 * as a sync writes them (payee keys included), checked against the history loaded whole
 * and against the store's selective reads (storage/anomaly-history.ts). Both must find
 * the same, and what the household view says: a jump over two cards, no spike for
 * groceries moved between cards or for a card linked with three months, a shop new to the
 * household and not one another card knows.
 */
describe('anomalies of the household, from the store', () => {
  it('finds the same from a selective history as from the whole window', async () => {
    const home = freshHome();
    const ctx = cliContext(home, { FINAGG_HOME: home, FINAGG_NOW: NOW, FINAGG_KEYSTORE: 'file' });
    try {
      const account = ctx.sqlite.prepare(
        "INSERT INTO accounts (provider, name, type, currency, created_at, updated_at) VALUES ('manual', ?, 'credit', 'USD', ?, ?)",
      );
      const [A, B, linked, opened] = ['Card A', 'Card B', 'Linked card', 'New card'].map(
        (name) => account.run(name, NOW, NOW).lastInsertRowid as number,
      ) as [number, number, number, number];
      const insert = ctx.sqlite.prepare(
        `INSERT INTO transactions (account_id, content_hash, date, amount_cents, currency, description, merchant, category, payee_id, created_ms, updated_ms)
         VALUES (?, ?, ?, ?, 'USD', ?, ?, ?, (SELECT id FROM payees WHERE key = ?), unixepoch(?) * 1000, unixepoch(?) * 1000)`,
      );
      const payeeKey = ctx.sqlite.prepare('INSERT OR IGNORE INTO payees (key) VALUES (?)');
      let hash = 0;
      const tx = (accountId: number, date: string, dollars: number, merchant: string, category: string) => {
        const description = `${merchant.toUpperCase()} DENVER CO`;
        const key = merchantKey({ merchant, description });
        payeeKey.run(key);
        return insert.run(accountId, ++hash, date, Math.round(dollars * -100), description, merchant, category, key, NOW, NOW)
          .lastInsertRowid as number;
      };
      for (const m of FIRST_HALF) {
        // Groceries: $400 a month on A and $40 on B, all of it on B from July.
        for (const d of ['05', '12', '19', '26']) tx(A, `${m}-${d}`, 100, 'Safeway', 'groceries');
        tx(B, `${m}-20`, 40, "Trader Joe's", 'groceries');
        // Entertainment: $40 a month on each card, $130 on each in July.
        tx(A, `${m}-10`, 40, 'AMC', 'entertainment');
        tx(B, `${m}-22`, 40, 'AMC', 'entertainment');
      }
      for (const d of ['05', '12', '19', '26']) tx(B, `2026-07-${d}`, 100, 'Safeway', 'groceries');
      tx(B, '2026-07-20', 40, "Trader Joe's", 'groceries');
      // One of them a $165 Target run split: $65 of tickets, $100 of groceries (only the part counts).
      tx(A, '2026-01-14', 30, 'Target', 'shopping'); // in A's first month: no news
      const july = [tx(A, '2026-07-03', 65, 'AMC', 'entertainment'), tx(B, '2026-07-05', 165, 'Target', 'entertainment')];
      ctx.sqlite
        .prepare(
          "INSERT INTO transaction_splits (transaction_id, position, category, amount_cents) VALUES (?, 0, 'entertainment', -6500), (?, 1, 'groceries', -10000)",
        )
        .run(july[1], july[1]);
      july.push(tx(A, '2026-07-08', 65, 'AMC', 'entertainment'), tx(B, '2026-07-10', 65, 'AMC', 'entertainment'));
      // A card linked in July with its bank's three months, $600 a month of home goods: not
      // counted against the months before it, where it was unseen, nor hiding A's own jump.
      for (const m of ['2026-04', '2026-05', '2026-06', '2026-07'])
        for (const d of ['02', '16']) tx(linked, `${m}-${d}`, 300, 'Home Depot', 'home-improvement');
      for (const m of FIRST_HALF) tx(A, `${m}-15`, 200, 'Lowes', 'home-improvement');
      const lowes = [
        tx(A, '2026-07-15', 350, 'Lowes', 'home-improvement'),
        tx(A, '2026-07-25', 350, 'Lowes', 'home-improvement'),
      ];
      // A card opened in May, paying where A pays, and a shop nobody paid.
      tx(opened, '2026-05-01', 58, 'Safeway', 'groceries');
      tx(opened, '2026-06-06', 38, 'AMC', 'entertainment');
      const sushi = tx(opened, '2026-06-20', 74, 'Sushi Zen', 'dining');

      const whole = findAnomalies(ctx, [], '2026-01-01', 0, 'all')!;
      const selective = findAnomalies(ctx, [], '2026-01-01', 0, 'selective')!;
      const order = (f: { transactionId: number; type: string }[]) =>
        [...f].sort((a, b) => a.transactionId - b.transactionId || a.type.localeCompare(b.type));
      expect(order(selective.found)).toEqual(order(whole.found));
      expect(order(whole.found.filter((f) => f.type === 'category_spike'))).toEqual([
        expect.objectContaining({
          transactionId: july[3],
          accountId: B,
          description: 'entertainment purchases this month reached $260.00; a usual month is about $80.00',
        }),
        expect.objectContaining({
          transactionId: lowes[1],
          accountId: A,
          description: expect.stringMatching(/reached \$700\.00; a usual month is about \$200\.00$/),
        }),
      ]);
      expect(whole.found.filter((f) => f.type === 'new_merchant')).toEqual([
        expect.objectContaining({ transactionId: sushi, accountId: opened, description: 'first time at Sushi Zen: $74.00' }),
      ]);

      // A sync of one account checks its new rows only, against every account's history:
      // a new cinema is news; the month was over its line before it, so no second spike.
      const late = tx(A, '2026-07-02', 50, 'Cinema Paradiso', 'entertainment');
      const onlyA = (load: 'all' | 'selective') => findAnomalies(ctx, [A], '2026-07-01', late - 1, load)!;
      expect(onlyA('all')).toEqual({
        checked: 1,
        found: [expect.objectContaining({ transactionId: late, type: 'new_merchant' })],
      });
      expect(onlyA('selective')).toEqual(onlyA('all'));
    } finally {
      await ctx.close();
    }
  });
});
