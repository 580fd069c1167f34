import { describe, expect, it } from 'vitest';
import { detectAnomalies } from '../../../src/core/anomalies/detect';
import { History } from '../../../src/core/anomalies/history';
import type { AnomalyTx } from '../../../src/core/anomalies/types';
import { addDays } from '../../../src/core/dates';

let nextId = 1;
const tx = (date: string, dollars: number, over: Partial<AnomalyTx> = {}): AnomalyTx => ({
  id: nextId++,
  accountId: 1,
  date,
  amountCents: Math.round(dollars * 100),
  currency: 'USD',
  merchant: 'Safeway',
  description: 'SAFEWAY #1234',
  category: 'groceries',
  pending: false,
  ...over,
});
/** Purchases every `step` days back from a date, oldest first. */
const series = (end: string, count: number, step: number, amount: (i: number) => number, over: Partial<AnomalyTx> = {}) =>
  Array.from({ length: count }, (_, i) => tx(addDays(end, -(count - i) * step), amount(i), over));
const run = (rows: AnomalyTx[], targets: AnomalyTx[], seen: string[] = []) =>
  detectAnomalies(targets, new History(rows), { seenBefore: (t) => seen.includes(t.merchant ?? '') });
const types = (findings: { type: string }[]) => findings.map((f) => f.type);

describe('unusual_amount', () => {
  it('speaks money: the amount, the merchant, and the usual range there', () => {
    const history = series('2026-06-01', 20, 4, (i) => -(44 + (i % 5) * 4));
    const big = tx('2026-06-01', -251.37);
    const [finding] = run([...history, big], [big]);
    expect(finding).toMatchObject({ type: 'unusual_amount', transactionId: big.id });
    expect(finding!.description).toMatch(/^\$251\.37 at Safeway; your purchases there are usually \$4\d\.\d\d to \$6\d\.\d\d$/);
    expect(['medium', 'high']).toContain(finding!.severity);
  });

  it('says nothing with two transactions of history', () => {
    const history = [tx('2026-05-01', -40), tx('2026-05-10', -42)];
    const big = tx('2026-06-01', -400);
    expect(run([...history, big], [big])).toEqual([]);
  });

  it('handles all-equal amounts (a MAD of zero): cents do not alarm, a multiple does', () => {
    const history = series('2026-06-01', 12, 7, () => -10, { merchant: 'Gym', category: 'health' });
    const slightly = tx('2026-06-01', -10.5, { merchant: 'Gym', category: 'health' });
    const much = tx('2026-06-02', -60, { merchant: 'Gym', category: 'health' });
    expect(run([...history, slightly, much], [slightly])).toEqual([]);
    expect(types(run([...history, slightly, much], [much]))).toContain('unusual_amount');
  });

  it('never flags refunds or income, and never counts the transaction in its own history', () => {
    const history = series('2026-06-01', 20, 4, () => -50);
    const refund = tx('2026-06-01', 400);
    const pay = tx('2026-06-01', 5000, { category: 'income', merchant: 'Acme', description: 'ACH DEP ACME' });
    expect(run([...history, refund, pay], [refund, pay])).toEqual([]);
    // Alone with its history of one, a big purchase has no baseline.
    const lone = tx('2026-06-01', -999, { merchant: 'Lone', category: 'travel' });
    expect(types(run([lone], [lone]))).toEqual([]);
  });
});

describe('new_merchant', () => {
  it('flags the first purchase at a merchant after a month of history, not during the first month', () => {
    const history = series('2026-06-01', 40, 2, () => -20);
    const early = tx(addDays(history[0]!.date, 5), -30, { merchant: 'Early Bird Cafe', category: 'dining' });
    const first = tx('2026-06-01', -30, { merchant: 'Lupa Trattoria', category: 'dining' });
    const again = tx('2026-06-02', -30, { merchant: 'Lupa Trattoria', category: 'dining' });
    const findings = run([...history, early, first, again], [early, first, again]);
    expect(findings.filter((f) => f.type === 'new_merchant').map((f) => f.transactionId)).toEqual([first.id]);
    expect(findings.find((f) => f.type === 'new_merchant')).toMatchObject({
      severity: 'low',
      description: 'first time at Lupa Trattoria: $30.00',
    });
  });

  it('is not new when seen before the loaded history, or renamed by a rule into a known name', () => {
    const history = series('2026-06-01', 40, 2, () => -20);
    const old = tx('2026-06-01', -30, { merchant: 'Old Friend Diner', category: 'dining' });
    expect(types(run([...history, old], [old], ['Old Friend Diner']))).not.toContain('new_merchant');
    // A rule renamed AMZN Mktp to Amazon on every row: the renamed rows share one history.
    const renamed = series('2026-05-20', 5, 5, () => -12, { merchant: 'Amazon', description: 'AMZN Mktp US*2K3L' });
    const next = tx('2026-06-01', -14, { merchant: 'Amazon', description: 'AMZN Mktp US*9ZZZ' });
    expect(types(run([...history, ...renamed, next], [next]))).not.toContain('new_merchant');
  });

  it('is never said of income or transfers', () => {
    const history = series('2026-06-01', 40, 2, () => -20);
    const transfer = tx('2026-06-01', -500, { merchant: 'Zelle To Sam', category: 'transfer' });
    expect(run([...history, transfer], [transfer])).toEqual([]);
  });
});

describe('duplicate_charge', () => {
  it('flags the second charge of one amount at one merchant within 48 hours', () => {
    const a = tx('2026-06-01', -87.22, { merchant: 'Walmart' });
    const b = tx('2026-06-02', -87.22, { merchant: 'Walmart' });
    const later = tx('2026-06-08', -87.22, { merchant: 'Walmart' });
    const findings = run([a, b, later], [a, b, later]).filter((f) => f.type === 'duplicate_charge');
    expect(findings.map((f) => f.transactionId)).toEqual([b.id]);
    expect(findings[0]!.description).toBe('$87.22 at Walmart twice: on 2026-06-01 and 2026-06-02');
  });

  it('leaves a habit alone (the same coffee every morning) and pending rows', () => {
    const habit = series('2026-06-01', 10, 1, () => -4.75, { merchant: 'Blue Bottle', category: 'dining' });
    const today = tx('2026-06-01', -4.75, { merchant: 'Blue Bottle', category: 'dining' });
    expect(types(run([...habit, today], [today]))).not.toContain('duplicate_charge');
    const posted = tx('2026-06-01', -30, { merchant: 'Shell', category: 'gas' });
    const pending = tx('2026-06-01', -30, { merchant: 'Shell', category: 'gas', pending: true });
    expect(types(run([posted, pending], [pending]))).toEqual([]);
  });
});

describe('price_increase', () => {
  it('flags a steady monthly charge that went up by more than 5% and a dollar', () => {
    const months = ['2026-01-15', '2026-02-15', '2026-03-15', '2026-04-15'].map((d) =>
      tx(d, -15.49, { merchant: 'Netflix', category: 'subscriptions' }),
    );
    const raised = tx('2026-05-15', -17.99, { merchant: 'Netflix', category: 'subscriptions' });
    const [finding] = run([...months, raised], [raised]).filter((f) => f.type === 'price_increase');
    expect(finding).toMatchObject({ transactionId: raised.id, score: 16 });
    expect(finding!.description).toBe('Netflix, a monthly charge, went up from $15.49 to $17.99 (+16%)');
  });

  it('leaves small changes and irregular charges alone', () => {
    const months = ['2026-01-15', '2026-02-15', '2026-03-15'].map((d) =>
      tx(d, -10, { merchant: 'Spotify', category: 'subscriptions' }),
    );
    const cents = tx('2026-04-15', -10.99, { merchant: 'Spotify', category: 'subscriptions' }); // +9.9% but under a dollar
    expect(types(run([...months, cents], [cents]))).not.toContain('price_increase');
    const irregular = ['2026-01-02', '2026-01-20', '2026-03-15'].map((d) =>
      tx(d, -20, { merchant: 'Cinema', category: 'entertainment' }),
    );
    const next = tx('2026-04-15', -26, { merchant: 'Cinema', category: 'entertainment' });
    expect(types(run([...irregular, next], [next]))).not.toContain('price_increase');
  });
});

describe('category_spike', () => {
  it('flags the purchase that carries a month far above its usual level, once', () => {
    const usual = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].flatMap((m) =>
      [5, 15, 25].map((d) => tx(`${m}-${String(d).padStart(2, '0')}`, -40, { category: 'entertainment', merchant: `Show ${d}` })),
    );
    const july = [3, 6, 9, 12].map((d) =>
      tx(`2026-07-${String(d).padStart(2, '0')}`, -120, { category: 'entertainment', merchant: 'Show 5' }),
    );
    const findings = run([...usual, ...july], july).filter((f) => f.type === 'category_spike');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.description).toBe('entertainment purchases this month reached $360.00; a usual month is about $120.00');
  });

  it('reads a split row as its parts: the part in a category counts there, the rest does not', () => {
    const usual = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'].flatMap((m) =>
      [5, 15, 25].map((d) => tx(`${m}-${String(d).padStart(2, '0')}`, -40, { category: 'entertainment', merchant: `Show ${d}` })),
    );
    const early = [3, 6].map((d) => tx(`2026-07-0${d}`, -120, { category: 'entertainment', merchant: 'Show 5' }));
    // A $400 Target run, $200 of it concert tickets: whole it would spike entertainment,
    // and its main part is groceries.
    const part = (cents: number, category: string) => ({ category, cents });
    const split = tx('2026-07-09', -400, {
      category: 'groceries',
      merchant: 'Target',
      parts: [part(-20_000, 'groceries'), part(-20_000, 'entertainment')],
    });
    const spike = run([...usual, ...early, split], [split]).find((f) => f.type === 'category_spike');
    expect(spike).toMatchObject({ transactionId: split.id });
    expect(spike!.description).toBe('entertainment purchases this month reached $440.00; a usual month is about $120.00');

    // Split so that only $40 is entertainment, the month stays under the line.
    const small = { ...split, parts: [part(-36_000, 'groceries'), part(-4_000, 'entertainment')] };
    expect(run([...usual, ...early, small], [small]).filter((f) => f.type === 'category_spike')).toEqual([]);
  });

  it('needs a baseline: a new category or a tiny one does not spike', () => {
    const tiny = ['2026-04-05', '2026-05-05', '2026-06-05'].map((d) => tx(d, -5, { category: 'health', merchant: 'CVS' }));
    const july = tx('2026-07-05', -300, { category: 'health', merchant: 'CVS' });
    expect(types(run([...tiny, july], [july]))).not.toContain('category_spike');
  });
});
