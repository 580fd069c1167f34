/** A bank statement file, read: what `finagg import` puts through the sync pipeline. */

export type StatementFormat = 'ofx' | 'qfx' | 'csv' | 'qif' | 'camt';

export interface StatementLine {
  /** The bank's id (OFX FITID); null where the file has none (CSV): content decides. */
  id: string | null;
  /** `YYYY-MM-DD` as the statement writes it. */
  date: string;
  /** Minor units, negative is money out of the account. */
  amountCents: number;
  description: string;
  /** A second line of text (OFX MEMO beside NAME, a CSV's notes column beside its description). */
  memo?: string | null;
  /** The bank's own category label (some CSV exports have one). */
  category: string | null;
  /** The parts of a purchase split in the file (QIF `S`/`E`/`$`), in its own category labels. */
  splits?: StatementSplit[];
}

export interface StatementSplit {
  label: string;
  memo: string | null;
  /** Minor units with the row's sign; the parts sum to the row. */
  cents: number;
}

export interface Statement {
  format: StatementFormat;
  /** The bank's account number as the file gives it (OFX ACCTID, CAMT IBAN, QIF account name). */
  accountNumber: string | null;
  kind: 'bank' | 'creditcard' | null;
  /** ISO 4217 code the file states (OFX CURDEF); null when it states none. */
  currency: string | null;
  lines: StatementLine[];
  /** Ids the file withdraws (OFX corrections with CORRECTACTION DELETE). */
  removedIds: string[];
  /** The closing balance the file states, and its date. */
  balance: { cents: number; date: string } | null;
  /** How the file was read, for the person: `dates as DD/MM/YYYY`, ... */
  notes: string[];
}
