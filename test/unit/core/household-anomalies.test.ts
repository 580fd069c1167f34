import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '../../../src/core/anomalies/detect';
import { History } from '../../../src/core/anomalies/history';
import type { AnomalyTx } from '../../../src/core/anomalies/types';

/**
 * The household's view (issue 38): a category's month counts every account of its
 * currency, and a merchant is new only when no account paid it. Card A is account 1,
 * card B account 2; ids go up as rows arrive.
 */

let nextId = 1;
const tx = (account: number, date: string, dollars: number, merchant: string, category: string): AnomalyTx => ({
  id: nextId++,
  accountId: account,
  date,
  amountCents: Math.round(dollars * 100),
  currency: 'USD',
  merchant,
  description: merchant.toUpperCase(),
  category,
  pending: false,
});
const A = 1;
const B = 2;
const FIRST_HALF = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
/** Every finding on the targets, against the history and the targets together. */
const check = (history: AnomalyTx[], targets: AnomalyTx[]) =>
  detectAnomalies(targets, new History([...history, ...targets]), { seenBefore: () => false });

describe('category_spike on the household', () => {
  it('says nothing when the groceries move from card A to card B', () => {
    // $400 of groceries a month on A, and B's $40 at another shop.
    const usual = FIRST_HALF.flatMap((m) => [
      ...['05', '12', '19', '26'].map((d) => tx(A, `${m}-${d}`, -100, 'Safeway', 'groceries')),
      tx(B, `${m}-20`, -40, "Trader Joe's", 'groceries'),
    ]);
    // From July B pays all of it: $440 on B is eleven times B's usual month, and the
    // household's month is what it always was.
    const july = [
      ...['05', '12', '19', '26'].map((d) => tx(B, `2026-07-${d}`, -100, 'Safeway', 'groceries')),
      tx(B, '2026-07-20', -40, "Trader Joe's", 'groceries'),
    ];
    // Nor is Safeway new on B: the household has paid it all year.
    expect(check(usual, july)).toEqual([]);
  });

  it('flags a jump spread over two cards once, though neither card alone crosses the line', () => {
    // $40 a month of entertainment on each card: $80 for the household.
    const usual = FIRST_HALF.flatMap((m) => [
      tx(A, `${m}-10`, -40, 'AMC', 'entertainment'),
      tx(B, `${m}-20`, -40, 'AMC', 'entertainment'),
    ]);
    // $130 on each card in July: under each card's line ($40 + $100), over the household's
    // ($80 x 2.5 = $200) at the fourth purchase.
    const july = [
      tx(A, '2026-07-03', -65, 'AMC', 'entertainment'),
      tx(B, '2026-07-05', -65, 'AMC', 'entertainment'),
      tx(A, '2026-07-08', -65, 'AMC', 'entertainment'),
      tx(B, '2026-07-10', -65, 'AMC', 'entertainment'),
    ];
    expect(check(usual, july)).toEqual([
      expect.objectContaining({
        type: 'category_spike',
        transactionId: july[3]!.id,
        accountId: B,
        description: 'entertainment purchases this month reached $260.00; a usual month is about $80.00',
      }),
    ]);
  });

  it('says the spike when a late row arrives dated before rows already checked', () => {
    const usual = FIRST_HALF.flatMap((m) => [
      tx(A, `${m}-10`, -40, 'AMC', 'entertainment'),
      tx(B, `${m}-20`, -40, 'AMC', 'entertainment'),
    ]);
    // A's July, checked when it synced: $180, under the household's line of $200.
    const fromA = [tx(A, '2026-07-03', -90, 'AMC', 'entertainment'), tx(A, '2026-07-10', -90, 'AMC', 'entertainment')];
    expect(check(usual, fromA)).toEqual([]);
    // B syncs later with a purchase of the 2nd: by date it comes first, but it is what
    // carried the month over the line, and the only row that can still be flagged.
    const late = tx(B, '2026-07-02', -50, 'AMC', 'entertainment');
    expect(check([...usual, ...fromA], [late])).toEqual([
      expect.objectContaining({ type: 'category_spike', transactionId: late.id, accountId: B }),
    ]);
  });

  it('does not count a card linked with only its last months against months that never saw it', () => {
    // A's $300 of groceries a month all year; B is linked in July and its bank gives three
    // months: $600 a month at Costco from April, spent before too, where no row shows it.
    const onA = [...FIRST_HALF, '2026-07'].flatMap((m) =>
      ['04', '14', '24'].map((d) => tx(A, `${m}-${d}`, -100, 'Safeway', 'groceries')),
    );
    const onB = ['2026-04', '2026-05', '2026-06', '2026-07'].flatMap((m) =>
      ['02', '16'].map((d) => tx(B, `${m}-${d}`, -300, 'Costco', 'groceries')),
    );
    // Counted against A's months alone, April's $900 would be three times the usual $300.
    const linked = check(onA, onB);
    expect(linked.filter((f) => f.type === 'category_spike')).toEqual([]);
  });
});

describe('new_merchant on the household', () => {
  // Card A's shops since January.
  const habits = () =>
    ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'].flatMap((m) => [
      tx(A, `${m}-03`, -62, 'Safeway', 'groceries'),
      tx(A, `${m}-11`, -45, 'Shell', 'gas'),
      tx(A, `${m}-18`, -38, 'Lupa Trattoria', 'dining'),
    ]);

  it('is not said of a new card paying the shops the household knows; a shop nobody paid still is', () => {
    const history = habits();
    // Card B opens in May and pays where A does, and one new place in June.
    const onB = [
      tx(B, '2026-05-01', -58, 'Safeway', 'groceries'),
      tx(B, '2026-05-09', -41, 'Shell', 'gas'),
      tx(B, '2026-06-06', -35, 'Lupa Trattoria', 'dining'),
      tx(B, '2026-06-20', -74, 'Sushi Zen', 'dining'),
      tx(B, '2026-07-02', -66, 'Safeway', 'groceries'),
    ];
    const sushi = onB[3]!;
    expect(check(history, onB).filter((f) => f.type === 'new_merchant')).toEqual([
      expect.objectContaining({ transactionId: sushi.id, accountId: B, description: 'first time at Sushi Zen: $74.00' }),
    ]);
    // Once B has paid it, it is no news on A either.
    const onA = tx(A, '2026-07-21', -70, 'Sushi Zen', 'dining');
    expect(check([...history, ...onB], [onA]).filter((f) => f.type === 'new_merchant')).toEqual([]);
  });

  it("waits for a month of the card's own history: its first weeks show habits, not news", () => {
    const history = habits();
    const firstWeek = [tx(B, '2026-05-01', -58, 'Safeway', 'groceries'), tx(B, '2026-05-06', -5, 'Blue Bottle', 'coffee')];
    expect(check(history, firstWeek).filter((f) => f.type === 'new_merchant')).toEqual([]);
  });
});
