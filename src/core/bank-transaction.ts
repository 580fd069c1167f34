/** A transaction as a bank reports it, after its normalizer. Input to dedupe. */
export interface NormalizedTransaction {
  /** The bank's id of this record. */
  providerTxnId: string;
  /** The bank's id of the pending record this posted one replaces, when the bank says. */
  pendingTxnId: string | null;
  /** Posted date (or authorized date while pending), `YYYY-MM-DD` in the bank's calendar. */
  date: string;
  /** Minor units, negative is money out of the account. */
  amountCents: number;
  currency: string;
  /** The statement text as the bank gives it. */
  description: string;
  /** The bank's merchant or counterparty name, when it gives one. */
  merchant: string | null;
  /** A second line of statement text (a memo, a reference), when the bank gives one. */
  memo?: string | null;
  pending: boolean;
  /** The bank's own category label, when it gives one (lowest precedence). */
  providerCategory: string | null;
}
