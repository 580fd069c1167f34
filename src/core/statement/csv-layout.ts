import { invalidInput } from '../errors';

/**
 * Which column of a statement CSV holds what. Found from the header by the names banks
 * use (English, German, French, Spanish); a person can name the columns instead
 * (`--columns date=Buchungstag,amount=Betrag`), and the mapping is remembered per account.
 *
 * The layouts this covers: a single signed amount; an unsigned amount with a debit or
 * credit marker; separate debit and credit columns; any of these with a running balance.
 */
export const CSV_FIELDS = ['date', 'description', 'memo', 'amount', 'debit', 'credit', 'balance', 'category', 'marker'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** Field to column position (0-based) in the header row. */
export type CsvColumns = Partial<Record<CsvField, number>>;

/** Header names, normalized (lower case letters and digits only), best first. */
const NAMES: Readonly<Record<CsvField, readonly string[]>> = {
  // The posted (booking) date before the date of the purchase, as the sync stores it.
  date: [
    'postdate',
    'posteddate',
    'postingdate',
    'bookingdate',
    'buchungstag',
    'buchungsdatum',
    'date',
    'datum',
    'transactiondate',
    'transdate',
    'completeddate',
    'fecha',
    'dateoperation',
    'valuedate',
    'valuta',
    'wertstellung',
  ],
  description: [
    'payee',
    'name',
    'merchant',
    'merchantname',
    'beguenstigterzahlungspflichtiger',
    'auftraggeberbeguenstigter',
    'empfaenger',
    'description',
    'transactiondescription',
    'details',
    'transactiondetails',
    'narrative',
    'particulars',
    'libelle',
    'concepto',
    'buchungstext',
  ],
  memo: ['memo', 'verwendungszweck', 'reference', 'notes', 'purpose', 'additionalinformation'],
  amount: ['amount', 'transactionamount', 'betrag', 'umsatz', 'value', 'importe', 'montant', 'sum'],
  debit: [
    'debit',
    'debitamount',
    'debits',
    'withdrawal',
    'withdrawals',
    'withdrawalamount',
    'moneyout',
    'paidout',
    'soll',
    'ausgang',
    'charge',
    'charges',
  ],
  credit: [
    'credit',
    'creditamount',
    'credits',
    'deposit',
    'deposits',
    'depositamount',
    'moneyin',
    'paidin',
    'haben',
    'eingang',
    'payment',
    'payments',
  ],
  balance: ['balance', 'runningbalance', 'saldo', 'kontostand', 'solde'],
  category: ['category', 'kategorie', 'categorie', 'categoria'],
  marker: ['creditdebitindicator', 'debitcredit', 'creditdebit', 'drcr', 'crdr', 'dc', 'sollhaben', 'transactiontype', 'type'],
};

/** Fields whose header may carry a currency after the name: `Amount (USD)`, `Betrag (EUR)`. */
const WITH_CURRENCY: ReadonlySet<CsvField> = new Set(['amount', 'debit', 'credit', 'balance']);

export function normalizeHeader(text: string): string {
  // German umlauts are spelled out (Begünstigter matches Beguenstigter); other
  // accents are dropped (Libellé).
  return text
    .normalize('NFC')
    .replace(/ä/gi, 'ae')
    .replace(/ö/gi, 'oe')
    .replace(/ü/gi, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The columns a header row names; undefined when it is not a statement's header. */
export function detectColumns(header: readonly string[]): CsvColumns | undefined {
  const names = header.map(normalizeHeader);
  const columns: CsvColumns = {};
  const taken = new Set<number>();
  for (const field of CSV_FIELDS) {
    for (const wanted of NAMES[field]) {
      let at = names.findIndex((n, i) => !taken.has(i) && n === wanted);
      if (at < 0 && WITH_CURRENCY.has(field))
        at = names.findIndex((n, i) => !taken.has(i) && n.startsWith(wanted) && /^[a-z]{3}$/.test(n.slice(wanted.length)));
      if (at >= 0) {
        columns[field] = at;
        taken.add(at);
        break;
      }
    }
  }
  return isUsable(columns) ? columns : undefined;
}

/** A date, some text, and an amount (one column, or debit and credit). */
export function isUsable(columns: CsvColumns): boolean {
  const money = columns.amount !== undefined || (columns.debit !== undefined && columns.credit !== undefined);
  return columns.date !== undefined && money && (columns.description !== undefined || columns.memo !== undefined);
}

/**
 * `date=Buchungstag,amount=Betrag,description=3`: columns by header name (any case) or
 * by position from 1. Refused with the field and value when a name is not in the header.
 */
export function columnsFromSpec(spec: string, header: readonly string[]): CsvColumns {
  const columns: CsvColumns = {};
  const names = header.map(normalizeHeader);
  for (const part of spec.split(',')) {
    const eq = part.indexOf('=');
    const field = part.slice(0, eq).trim().toLowerCase() as CsvField;
    const value = part.slice(eq + 1).trim();
    if (eq < 0 || !CSV_FIELDS.includes(field))
      throw invalidInput(`--columns ${JSON.stringify(part)}: expected field=column, fields ${CSV_FIELDS.join(', ')}`);
    const at = /^\d+$/.test(value) ? Number(value) - 1 : names.indexOf(normalizeHeader(value));
    if (at < 0 || at >= header.length)
      throw invalidInput(
        `--columns ${field}=${JSON.stringify(value)}: no such column (the header has ${header.map((h) => JSON.stringify(h)).join(', ')})`,
      );
    columns[field] = at;
  }
  if (!isUsable(columns)) throw invalidInput('--columns must name date, description and amount (or debit and credit)');
  return columns;
}
