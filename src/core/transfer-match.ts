/**
 * Which rows move money between the person's own accounts: an outflow of one account and
 * an inflow of another, same currency and amount, a few days apart. Pure: the rows come
 * in, scored pairs go out; storage and the person's own decisions are the caller's.
 *
 * The date is the strongest sign (a card payment shows on the card a day or two after it
 * leaves checking; a transfer between banks takes one to three business days), then what
 * the statement text says on each side ("PAYMENT THANK YOU", "TRANSFER TO SAV ...6789"),
 * then the kinds of the two accounts. A pair below AUTO_CONFIDENCE is only offered for
 * review, and so is one that another candidate of nearly the same score contests.
 */
export interface TransferRow {
  id: number;
  accountId: number;
  accountType: string;
  /** The digits that name the account on other statements (its last four). */
  accountMask: string | null;
  currency: string;
  amountCents: number;
  date: string;
  description: string;
}

export interface TransferCandidate {
  out: TransferRow;
  in: TransferRow;
  confidence: number;
  reasons: string[];
}

/** Days the inflow may show after the outflow (or before it, when banks date differently). */
export const DAYS_AFTER = 6;
export const DAYS_BEFORE = 2;
/** Paired without asking at or above this; offered for review from REVIEW_CONFIDENCE. */
export const AUTO_CONFIDENCE = 0.7;
export const REVIEW_CONFIDENCE = 0.35;
/** A rival this close to the best candidate makes the pair a question for the person. */
const CONTESTED = 0.1;

const OUT_WORDS =
  /\b(TRANSFER|XFER|TRNSFR|PAYMENT TO|PMT TO|AUTOPAY|AUTO PAY|ONLINE PAYMENT|CARD PAYMENT|CREDIT CARD|UMBUCHUNG|UEBERTRAG|DAUERAUFTRAG|UEBERWEISUNG|ÜBERWEISUNG|SWEEP|TO SAV|TO CHK)\b/;
const IN_WORDS =
  /\b(PAYMENT|THANK YOU|TRANSFER|XFER|FROM CHK|FROM SAV|ACH CREDIT|DEPOSIT|UMBUCHUNG|GUTSCHRIFT|DAUERAUFTRAG|UEBERWEISUNG|ÜBERWEISUNG|SWEEP|AUTOPAY)\b/;
/** Text that says the row is something else: a purchase, pay, a refund. */
const NOT_A_TRANSFER = /\b(PAYROLL|SALARY|DIRECT DEP|DIR DEP|REFUND|RETURN|INTEREST|DIVIDEND|CASHBACK|REVERSAL)\b/;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

const up = (text: string) => text.toUpperCase();

/** How likely the two rows are one move of money, and why; undefined when they cannot be. */
export function scorePair(out: TransferRow, into: TransferRow): TransferCandidate | undefined {
  if (out.accountId === into.accountId || out.currency !== into.currency) return undefined;
  if (out.amountCents >= 0 || into.amountCents !== -out.amountCents) return undefined;
  const days = daysBetween(out.date, into.date);
  if (days > DAYS_AFTER || days < -DAYS_BEFORE) return undefined;
  const reasons: string[] = [];
  // The date: same day or the next is what a transfer between one's own accounts does.
  let score = days >= 0 && days <= 1 ? 0.45 : days >= 0 && days <= 3 ? 0.35 : days > 0 ? 0.2 : 0.15;
  reasons.push(
    days === 0
      ? 'same day'
      : days > 0
        ? `${days} day${days === 1 ? '' : 's'} later`
        : `${-days} day${days === -1 ? '' : 's'} earlier`,
  );
  const outText = up(out.description);
  const inText = up(into.description);
  if (OUT_WORDS.test(outText)) {
    score += 0.2;
    reasons.push('the outflow says it is a transfer or a payment');
  }
  if (IN_WORDS.test(inText)) {
    score += 0.2;
    reasons.push('the inflow says it is a payment or a transfer');
  }
  const names = (row: TransferRow, text: string) =>
    row.accountMask !== null && row.accountMask.length >= 4 && text.includes(row.accountMask);
  if (names(into, outText) || names(out, inText)) {
    score += 0.25;
    reasons.push("a side names the other account's number");
  }
  if (into.accountType === 'credit' && out.accountType !== 'credit') {
    score += 0.1;
    reasons.push('money into a card from a bank account');
  } else if (into.accountType === 'savings' || out.accountType === 'savings') {
    score += 0.05;
    reasons.push('to or from savings');
  }
  if (NOT_A_TRANSFER.test(outText) || NOT_A_TRANSFER.test(inText)) {
    score -= 0.5;
    reasons.push('a side reads as pay, interest or a refund');
  }
  return { out, in: into, confidence: Math.max(0, Math.min(1, Math.round(score * 100) / 100)), reasons };
}

export interface PairPlan {
  /** Pairs to make without asking. */
  pairs: TransferCandidate[];
  /** Candidates for the person to look at: too weak, or contested by another. */
  review: TransferCandidate[];
}

/**
 * Pairs each row at most once: the strongest candidates first, and a row taken by a
 * stronger pair is not offered again. `candidates` are every scored pair of the rows in
 * question (see scorePair).
 */
export function planPairs(candidates: readonly TransferCandidate[]): PairPlan {
  const sorted = [...candidates]
    .filter((c) => c.confidence >= REVIEW_CONFIDENCE)
    .sort((a, b) => b.confidence - a.confidence || a.out.id - b.out.id || a.in.id - b.in.id);
  const byRow = new Map<number, TransferCandidate[]>();
  for (const c of sorted) {
    for (const id of [c.out.id, c.in.id]) byRow.set(id, [...(byRow.get(id) ?? []), c]);
  }
  const taken = new Set<number>();
  const plan: PairPlan = { pairs: [], review: [] };
  for (const c of sorted) {
    if (taken.has(c.out.id) || taken.has(c.in.id)) continue;
    // Another candidate of nearly the same score for either row: the person decides.
    const rivals = [...(byRow.get(c.out.id) ?? []), ...(byRow.get(c.in.id) ?? [])].filter(
      (o) => o !== c && !taken.has(o.out.id) && !taken.has(o.in.id),
    );
    const contested = rivals.some((o) => c.confidence - o.confidence < CONTESTED - 1e-9);
    if (c.confidence >= AUTO_CONFIDENCE && !contested) {
      plan.pairs.push(c);
      taken.add(c.out.id);
      taken.add(c.in.id);
    } else if (!plan.review.some((r) => r.out.id === c.out.id && r.in.id === c.in.id)) {
      plan.review.push(c);
    }
  }
  return plan;
}
