import { merchantKey as payeeKey } from '../recurring/payee-key';
import type { SplitPart } from '../split';

export type AnomalyType = 'unusual_amount' | 'new_merchant' | 'duplicate_charge' | 'price_increase' | 'category_spike';
export type Severity = 'low' | 'medium' | 'high';

/** A stored transaction as the detectors read it. */
export interface AnomalyTx {
  id: number;
  accountId: number;
  date: string;
  /** Negative is money out. */
  amountCents: number;
  currency: string;
  /** The merchant as stored (a rule's or a person's name included), else null. */
  merchant: string | null;
  description: string;
  category: string;
  pending: boolean;
  /** A split row's parts that count (`tx split`): its spending in each category. */
  parts?: readonly SplitPart[];
}

/**
 * The row as each category sees it: a split row is one view per part, with the part's
 * category and amount (same id); any other row is itself.
 */
export function categoryViews(t: AnomalyTx): readonly AnomalyTx[] {
  if (t.parts === undefined) return [t];
  return t.parts.map((p) => ({ ...t, category: p.category, amountCents: p.cents, parts: undefined }));
}

export interface Finding {
  transactionId: number;
  accountId: number;
  type: AnomalyType;
  severity: Severity;
  /** How far out it is; comparable within a type only. */
  score: number;
  /** In money a person understands. */
  description: string;
}

/** Categories where money moves rather than gets spent: never an anomaly of spending. */
export const NOT_SPENDING: ReadonlySet<string> = new Set(['income', 'transfer']);

/**
 * What a merchant is called for comparing: its payee key (core/recurring/payee-key.ts),
 * the name without store numbers and codes, so the detectors and recurring bills agree
 * on who was paid and the store reads one merchant's rows through the payee index.
 */
export function merchantKey(t: Pick<AnomalyTx, 'merchant' | 'description'>): string {
  return payeeKey(t.merchant, t.description);
}

/** The name shown in a description. */
export function merchantName(t: Pick<AnomalyTx, 'merchant' | 'description'>): string {
  return t.merchant ?? t.description;
}

/** The categories of fees: what a bank charges is no shop ("$3.24 at ATM fee" reads wrong). */
const FEE_CATEGORIES: ReadonlySet<string> = new Set(['fees', 'bank-fees', 'atm-fees']);

/**
 * What a charge was, after its amount: `at Starbucks`; a fee is named as itself (`ATM
 * fee`, `fee from Chase`), since a fee is not a place one shops at.
 */
export function chargeOf(t: Pick<AnomalyTx, 'merchant' | 'description' | 'category'>): string {
  const name = merchantName(t);
  if (!FEE_CATEGORIES.has(t.category)) return `at ${name}`;
  return /\bfees?\b/i.test(name) ? name : `fee from ${name}`;
}

/** Whether a row is a fee (chargeOf names it as itself). */
export function isFee(t: Pick<AnomalyTx, 'category'>): boolean {
  return FEE_CATEGORIES.has(t.category);
}
