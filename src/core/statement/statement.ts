/** A bank statement file, read: what `finagg import` puts through the sync pipeline. */

import { displayText } from '../display-text';

/** The longest texts a line keeps, in code points: the bank connections keep the same. */
const MAX = { description: 500, memo: 200, label: 60 } as const;

/**
 * A line's text as finagg stores and shows it: one line, without escapes or control
 * characters (a file is as untrusted as a bank's answer), at most as long as a bank's.
 */
export function lineText(text: string, field: keyof typeof MAX): string {
  return displayText(text, MAX[field]);
}

/** `lineText`, or null where nothing is left. */
export function optionalLineText(text: string | null | undefined, field: keyof typeof MAX): string | null {
  return text == null ? null : lineText(text, field) || null;
}

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

/**
 * A statement's lines as an import takes them: counted and checked when the file is
 * read, then visited in order batch by batch. A large CSV's are read again from its
 * text for the visit rather than held (a 300,000-line file's lines were 50 MB of
 * objects); the other formats' are the statement's array.
 */
export interface StatementLines {
  count: number;
  /** Any line carries splits (QIF): the import then reads the category names. */
  hasSplits: boolean;
  /** The lines in file order, `size` at a time (the last batch may be shorter). */
  eachBatch(size: number, visit: (lines: StatementLine[]) => void): void;
}

/** A statement whose lines are visited (an import's), not a list. */
export type OpenedStatement = Omit<Statement, 'lines'> & { lines: StatementLines };

/** A statement whose lines are held, opened as one. */
export function heldLines(statement: Statement): OpenedStatement {
  const { lines } = statement;
  return {
    ...statement,
    lines: {
      count: lines.length,
      hasSplits: lines.some((l) => l.splits !== undefined),
      eachBatch(size, visit) {
        for (let i = 0; i < lines.length; i += size) visit(lines.slice(i, i + size));
      },
    },
  };
}
