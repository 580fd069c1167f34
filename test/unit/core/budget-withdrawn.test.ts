import { describe, expect, it } from 'vitest';
import { type Budget, budgetStatus } from '../../../src/core/budget';
import { periodContaining } from '../../../src/core/budget-period';
import {
  type CountedCharge,
  type FiredThreshold,
  withdrawnMessage,
  withdrawnThresholds,
} from '../../../src/core/budget-withdrawn';

const budget = (over: Partial<Budget> = {}): Budget => ({
  id: 1,
  category: 'groceries',
  amountCents: 250_00,
  currency: 'USD',
  period: 'monthly',
  alertAt: [80, 100],
  rollover: false,
  allCurrencies: false,
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});
const status = (spentCents: number, b = budget()) => budgetStatus(b, periodContaining('2026-11-20', b.period), spentCents, 0, 11);
let nextId = 1;
const charge = (cents: number, now: CountedCharge['now'], payee = 'Steam', over: Partial<CountedCharge> = {}): CountedCharge => ({
  transactionId: nextId++,
  cents,
  ownCents: cents,
  currency: 'USD',
  payee,
  now,
  ...over,
});
const fired = (threshold: number, ...charges: CountedCharge[]): FiredThreshold => ({ threshold, charges });

describe('withdrawn budget thresholds', () => {
  it('tells a threshold whose line the spend is below only because a counted charge was withdrawn', () => {
    const steam = charge(89_60, 'withdrawn');
    // Fired at $302.00 (121%); now $212.40 (85%): 80% still holds, 100% does not.
    const s = status(212_40);
    const w = withdrawnThresholds(s, [fired(80, steam), fired(100, steam, charge(5_00, 'pending', 'Shell'))], new Set());
    expect(w).toEqual({ thresholds: [100], charges: [steam] });
    expect(withdrawnMessage(s, w!)).toBe(
      'groceries: the $89.60 pending charge at Steam that crossed 100% was withdrawn; $212.40 of $250.00 spent this month (85%)',
    );
  });

  it('tells nothing when the fall is a recategorization, a refund or a charge that posted for less', () => {
    const small = charge(10_00, 'withdrawn');
    // $240.00 now; the $10.00 withdrawn brings it back to exactly 100%: the withdrawal did it.
    expect(withdrawnThresholds(status(240_00), [fired(100, small)], new Set())?.thresholds).toEqual([100]);
    // $230.00 now: with the $10.00 back it is still below 100%, so something else took it down.
    expect(withdrawnThresholds(status(230_00), [fired(100, small)], new Set())).toBeUndefined();
    // Posted (at any amount) or still pending: nothing was withdrawn.
    expect(withdrawnThresholds(status(200_00), [fired(100, charge(89_60, 'posted'))], new Set())).toBeUndefined();
    expect(withdrawnThresholds(status(200_00), [fired(100, charge(89_60, 'pending'))], new Set())).toBeUndefined();
  });

  it('tells nothing while the line still holds, once told, or for a charge no rate converts', () => {
    const steam = charge(89_60, 'withdrawn');
    expect(withdrawnThresholds(status(250_00), [fired(100, steam)], new Set())).toBeUndefined();
    expect(withdrawnThresholds(status(212_40), [fired(100, steam)], new Set([100]))).toBeUndefined();
    expect(
      withdrawnThresholds(status(212_40), [fired(100, charge(89_60, 'withdrawn', 'Steam', { cents: undefined }))], new Set()),
    ).toBeUndefined();
  });

  it('tells several thresholds and charges in one sentence, largest charge first', () => {
    const steam = charge(89_60, 'withdrawn');
    const shell = charge(45_00, 'withdrawn', 'Shell');
    const s = status(150_00);
    const w = withdrawnThresholds(s, [fired(80, steam), fired(100, steam, shell)], new Set());
    expect(w).toEqual({ thresholds: [80, 100], charges: [steam, shell] });
    expect(withdrawnMessage(s, w!)).toBe(
      'groceries: the 2 pending charges that crossed 80% and 100% were withdrawn ($89.60 at Steam and $45.00 at Shell); $150.00 of $250.00 spent this month (60%)',
    );
  });

  it('says the week, the period before this one, and a charge in its own currency', () => {
    const b = budget({ category: 'phone-and-internet', period: 'weekly', amountCents: 100_00 });
    const hotel = charge(50_00, 'withdrawn', 'Hotel Adlon', { ownCents: 45_00, currency: 'EUR' });
    const s = status(70_00, b);
    const w = withdrawnThresholds(s, [fired(100, hotel)], new Set())!;
    expect(withdrawnMessage(s, w, false)).toBe(
      'phone and internet: the €45.00 pending charge at Hotel Adlon that crossed 100% was withdrawn; $70.00 of $100.00 spent last week (70%)',
    );
  });
});
