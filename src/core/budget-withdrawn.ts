import { type BudgetStatus, budgetStatus } from './budget';
import { formatMoney } from './money';
import { andList, categoryName, plural } from './words';

/**
 * A budget alert that fired while pending charges counted, told again when the bank
 * withdraws some of them: the line it crossed is no longer crossed. Pure: the app layer
 * (app/budget-withdrawn.ts) reads what each threshold counted and what became of it.
 */

/** A pending charge a threshold's alert counted when it fired, and what became of it since. */
export interface CountedCharge {
  transactionId: number;
  /** What it added to the budget's spend when the alert fired, in the budget's currency; undefined when no rate converts it. */
  cents: number | undefined;
  /** Its money out in its own currency (positive), as the person saw it. */
  ownCents: number;
  currency: string;
  /** Where it was charged: the merchant, else the bank's text. */
  payee: string;
  /**
   * Now: still pending; posted (the row settled, at any amount, or its posting stands
   * beside it under another id); or withdrawn (removed by the bank, never posted).
   */
  now: 'pending' | 'posted' | 'withdrawn';
}

/** A threshold that fired in the period, with the pending charges its alert counted. */
export interface FiredThreshold {
  threshold: number;
  charges: readonly CountedCharge[];
}

export interface Withdrawal {
  /** The thresholds no longer crossed because of withdrawn charges, ascending. */
  thresholds: number[];
  /** Their withdrawn charges, each once, largest first. */
  charges: CountedCharge[];
}

/**
 * The thresholds to tell as withdrawn now: each fired with pending charges in its spend,
 * is not told yet (`told`: once per budget, threshold and period), and the spend is below
 * its line now but would not be with its withdrawn charges added back. So a fall that
 * comes from a recategorization or a refund, or from a charge that posted for less, tells
 * nothing: with the withdrawn charges back the spend would still be below the line.
 * Undefined when there is none.
 */
export function withdrawnThresholds(
  status: BudgetStatus,
  fired: readonly FiredThreshold[],
  told: ReadonlySet<number>,
): Withdrawal | undefined {
  const thresholds: number[] = [];
  const charges = new Map<number, CountedCharge>();
  for (const { threshold, charges: counted } of fired) {
    if (told.has(threshold) || status.percent >= threshold) continue;
    const withdrawn = counted.filter((c) => c.now === 'withdrawn' && c.cents !== undefined && c.cents > 0);
    const backCents = withdrawn.reduce((sum, c) => sum + c.cents!, 0);
    if (backCents === 0 || percentWith(status, backCents) < threshold) continue;
    thresholds.push(threshold);
    for (const c of withdrawn) charges.set(c.transactionId, c);
  }
  if (thresholds.length === 0) return undefined;
  return {
    thresholds: thresholds.sort((a, b) => a - b),
    charges: [...charges.values()].sort((a, b) => b.cents! - a.cents! || a.transactionId - b.transactionId),
  };
}

/** The budget's percent with `cents` more spent, rounded as its status rounds it. */
function percentWith(status: BudgetStatus, cents: number): number {
  return budgetStatus(status.budget, status.range, status.spentCents + cents, status.carriedCents, status.daysLeft).percent;
}

/**
 * `groceries: the $89.60 pending charge at Steam that crossed 100% was withdrawn; $212.40
 * of $250.00 spent this month (85%)`. `current` is false for the period before this one
 * (a charge of its last days withdrawn after it ended): `last month`.
 */
export function withdrawnMessage(status: BudgetStatus, withdrawal: Withdrawal, current = true): string {
  const { budget } = status;
  const money = (cents: number) => formatMoney(cents, budget.currency);
  const crossed = andList(withdrawal.thresholds.map((t) => `${t}%`));
  const charge = (c: CountedCharge) => `${formatMoney(c.ownCents, c.currency)} at ${c.payee}`;
  const [only] = withdrawal.charges;
  const what =
    withdrawal.charges.length === 1 && only
      ? `the ${formatMoney(only.ownCents, only.currency)} pending charge at ${only.payee} that crossed ${crossed} was withdrawn`
      : `the ${plural(withdrawal.charges.length, 'pending charge')} that crossed ${crossed} were withdrawn (${andList(withdrawal.charges.map(charge))})`;
  const unit = budget.period === 'monthly' ? 'month' : 'week';
  return `${categoryName(budget.category)}: ${what}; ${money(status.spentCents)} of ${money(status.availableCents)} spent ${current ? 'this' : 'last'} ${unit} (${status.percent}%)`;
}
