import { invalidInput } from '../errors';

/**
 * Which column of a statement CSV holds what. Found from the header by the names banks
 * and apps use (English, German, French, Spanish, Italian, Portuguese, Dutch, Danish,
 * Norwegian, Swedish; YNAB, PayPal, Stripe); a person can name the columns instead
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
    // Italian, Portuguese, Dutch, the Scandinavian banks; Stripe's Created (UTC).
    'data',
    'dataoperazione',
    'datacontabile',
    'datamovimento',
    'datalancamento',
    'datavaluta',
    'dato',
    // Swedish ö, spelled out as German's is (Bokföringsdag).
    'bokfoeringsdag',
    'bokfoeringsdatum',
    'bogfort',
    'bogfoeringsdato',
    'transaktionsdatum',
    'rentedato',
    'datedevaleur',
    'createdutc',
    'created',
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
    'libelleoperation',
    'concepto',
    'buchungstext',
    'naamomschrijving',
    'naam',
    'omschrijving',
    'tegenpartij',
    'descrizione',
    'descrizioneoperazione',
    'causale',
    'descricao',
    'historico',
    'beskrivelse',
    'beskrivning',
    'forklaring',
    'tekst',
    'text',
    'rubrik',
    'namn',
  ],
  memo: [
    'memo',
    'verwendungszweck',
    'reference',
    'notes',
    'note',
    'purpose',
    'additionalinformation',
    'remarque',
    'remarques',
    'mededelingen',
    'observacoes',
    'meddelande',
    'melding',
    'egnaanteckningar',
  ],
  amount: [
    'amount',
    'transactionamount',
    'betrag',
    'umsatz',
    'value',
    'importe',
    'montant',
    'sum',
    'bedrag',
    'importo',
    'valor',
    'belopp',
    'belop',
    'belob',
  ],
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
    'outflow',
    'debito',
    'debet',
    'dare',
    'addebiti',
    'uscite',
    'uttak',
    'uttakfrakonto',
    'udbetaling',
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
    'inflow',
    'credito',
    'avere',
    'accrediti',
    'entrate',
    'kredit',
    'innskudd',
    'innskuddpakonto',
    'indbetaling',
  ],
  balance: ['balance', 'runningbalance', 'saldo', 'kontostand', 'solde'],
  category: ['category', 'kategorie', 'categorie', 'categoria'],
  marker: [
    'creditdebitindicator',
    'debitcredit',
    'creditdebit',
    'drcr',
    'crdr',
    'dc',
    'sollhaben',
    'afbij',
    'transactiontype',
    'type',
  ],
};

/** Fields whose header may carry a currency after the name: `Amount (USD)`, `Betrag (EUR)`. */
const WITH_CURRENCY: ReadonlySet<CsvField> = new Set(['amount', 'debit', 'credit', 'balance']);

export function normalizeHeader(text: string): string {
  // German umlauts are spelled out (Begünstigter matches Beguenstigter); other
  // accents are dropped (Libellé).
  return (
    text
      .normalize('NFC')
      .replace(/ä/gi, 'ae')
      .replace(/ö/gi, 'oe')
      .replace(/ü/gi, 'ue')
      .replace(/ß/g, 'ss')
      // Danish and Norwegian letters NFKD keeps whole (Beløp, Bogført).
      .replace(/ø/gi, 'o')
      .replace(/æ/gi, 'ae')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
  );
}

/** The columns a header row names; undefined when it is not a statement's header. */
export function detectColumns(header: readonly string[]): CsvColumns | undefined {
  const names = header.map(normalizeHeader);
  const columns: CsvColumns = {};
  const taken = new Set<number>();
  // Gross, Fee and Net (PayPal, Stripe): the account moves by the net amount.
  const net = names.indexOf('net');
  if (net >= 0 && (names.includes('fee') || names.includes('fees'))) {
    columns.amount = net;
    taken.add(net);
  }
  for (const field of CSV_FIELDS) {
    if (columns[field] !== undefined) continue;
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

/**
 * A date and an amount (one column, or debit and credit). A file without any text
 * column imports with empty descriptions rather than not at all.
 */
export function isUsable(columns: CsvColumns): boolean {
  const money = columns.amount !== undefined || (columns.debit !== undefined && columns.credit !== undefined);
  return columns.date !== undefined && money;
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
        `--columns ${field}=${JSON.stringify(value)}: no such column (${
          header.every((h, i) => h === `column ${i + 1}`)
            ? `the rows have ${header.length} columns`
            : `the header has ${header.map((h) => JSON.stringify(h)).join(', ')}`
        })`,
      );
    columns[field] = at;
  }
  if (!isUsable(columns))
    throw invalidInput('--columns must name date and amount (or debit and credit), and may name description');
  return columns;
}
