import Papa from 'papaparse';
import { invalidInput } from '../errors';
import { parseMoney, whyNotMoney } from '../money';
import { type CsvColumns, columnsFromSpec, detectColumns } from './csv-layout';
import { detectDateFormat, parseDate, showPattern, toPattern } from './date-format';
import { lineText, optionalLineText, type Statement, type StatementLine, type StatementLines } from './statement';

/** How a CSV statement is read; what `import` remembers per account. */
export interface CsvMapping {
  /** Header names by field (names, not positions, so a reordered export still reads). */
  columns: Partial<Record<string, string>>;
  /** A date-fns pattern. */
  dateFormat: string;
  decimal: '.' | ',';
  /** Amounts are money spent when positive (some card exports): every sign is turned. */
  flip: boolean;
  /** The file has no header row: `columns` are positions, `column 2`. */
  headerless?: boolean;
}

export interface CsvOptions {
  /** The account's currency: minor units and the amount columns' symbols. */
  currency: string;
  /** Credit cards: a file whose amounts are mostly positive writes spending as positive. */
  accountType: string;
  dateFormat?: string;
  decimal?: '.' | ',';
  /** `--columns field=name,...` */
  columns?: string;
  /** What this account's last CSV import used; taken when its columns are all in the header. */
  remembered?: CsvMapping;
}

export interface CsvStatement extends Statement {
  mapping: CsvMapping;
}

/** Rows searched for the header: exports often start with a few lines about the account. */
const HEADER_SEARCH_ROWS = 30;

/** A CSV statement with all its lines (tests, small files); `openCsv` for an import. */
export function parseCsv(text: string, options: CsvOptions): CsvStatement {
  const opened = openCsv(text, options);
  const lines: StatementLine[] = [];
  opened.lines.eachBatch(BATCH, (batch) => {
    for (const l of batch) lines.push(l);
  });
  return { ...opened, lines };
}

const BATCH = 5000;

export type OpenedCsv = Omit<CsvStatement, 'lines'> & { lines: StatementLines };

/**
 * Where a piece of the text (whole rows) is found again when the lines are visited:
 * given the piece when the file is checked, it returns what reads it again. Held in
 * memory by default; an import reads it again from the file (read-statement.ts).
 */
export type KeepPiece = (piece: string) => () => string;

const holdPiece: KeepPiece = (piece) => () => piece;

/** Rows a piece of the text holds. */
const PIECE_ROWS = 1000;

interface Piece {
  again: () => string;
  /** The index and line of its first row in the whole file. */
  index: number;
  line: number;
}

/**
 * A CSV statement read and checked whole, its lines visited later by reading the text
 * again: a bad line refuses the file here, before an import writes anything.
 */
export function openCsv(text: string, options: CsvOptions, keep: KeepPiece = holdPiece): OpenedCsv {
  // Passes over the text, none holding its rows: the first rows for the header, a survey
  // of the whole file for what is decided once (the widest row, the decimal mark, the
  // date format, sign markers), every line read and checked (with what the flip and the
  // closing balance need), and the lines again when the import visits them. A file of
  // 300,000 rows never has its cells, nor its lines, in memory at once.
  const head: Row[] = [];
  eachRow(text, (row) => head.push(row) < HEADER_SEARCH_ROWS);
  const found = findHeader(head, options);
  if (!found)
    throw invalidInput(
      'the file is not a statement CSV: no header row with a date and an amount column',
      'name them: --columns date=<header>,description=<header>,amount=<header>',
    );
  const { at: headerAt, columns } = found;
  const moneyColumns = [columns.amount, columns.debit, columns.credit, columns.balance].filter((c) => c !== undefined);
  const survey = surveyRows(text, headerAt, columns, moneyColumns);
  // A file without a header row (columns given by position): every row is a transaction,
  // and messages name the columns by position.
  // Copied: the cells are slices of the text, and the header stays (in messages, in the
  // mapping) while the text is to go.
  const header = headerAt < 0 ? positionNames(survey.width) : (JSON.parse(JSON.stringify(head[headerAt]!.cells)) as string[]);
  if (survey.count === 0)
    throw invalidInput(headerAt < 0 ? 'the CSV file holds no transactions' : 'the CSV file has a header but no transactions');
  const notes: string[] = [];
  if (columns.description === undefined && columns.memo === undefined)
    notes.push('the file has no description column: descriptions are empty');
  const decimal = options.decimal ?? (found.remembered ? found.remembered.decimal : detectDecimal(survey.moneySamples));
  let pattern: string;
  if (options.dateFormat !== undefined) pattern = toPattern(options.dateFormat);
  else if (found.remembered) pattern = found.remembered.dateFormat;
  else {
    const detected = detectDateFormat(survey.dates, decimal === ',');
    if (!detected)
      throw invalidInput(
        `${headerAt < 0 ? header[columns.date!] : `column ${JSON.stringify(header[columns.date!])}`} holds dates in no format finagg knows`,
        'give it: --date-format DD/MM/YYYY (or the one the file uses)',
      );
    pattern = detected.pattern;
    if (detected.ambiguous) notes.push(`dates read as ${showPattern(pattern)} (give --date-format if they are not)`);
  }
  const markers = survey.markers;
  const read = lineReader({ header, headerAt, columns, pattern, decimal, markers, currency: options.currency });

  // The check: every line read once, kept only in what the flip and the balance need,
  // and the text cut into pieces of whole rows for the visit to read again.
  const pieces: Piece[] = [];
  let piece = { start: 0, index: 0, line: 1 };
  let format: Format | undefined;
  let count = 0;
  let positive = 0;
  let first: string | undefined;
  let last: string | undefined;
  // The closing balance is the first row's or the last's (files run either way).
  const balances: { cents: number; date: string }[] = [];
  const onBalance = (cents: number, date: string) => {
    if (balances.length < 2) balances.push({ cents, date });
    else balances[1] = { cents, date };
  };
  eachRow(text, (row, index, seen) => {
    format ??= seen;
    if ((index + 1) % PIECE_ROWS === 0) {
      pieces.push({ again: keep(text.slice(piece.start, row.end)), index: piece.index, line: piece.line });
      piece = { start: row.end, index: index + 1, line: row.nextLine };
    }
    const line = read(row, index, onBalance);
    if (!line) return;
    count++;
    if (line.amountCents > 0) positive++;
    first ??= line.date;
    last = line.date;
  });
  if (piece.start < text.length) pieces.push({ again: keep(text.slice(piece.start)), index: piece.index, line: piece.line });
  const flip = found.remembered?.flip ?? (options.accountType === 'credit' && positive > count / 2);
  if (flip) {
    // `|| 0`: a zero turned is zero, not minus zero.
    for (const b of balances) b.cents = -b.cents || 0;
    if (!found.remembered) notes.push('amounts read as money spent when positive, as this card export writes them');
  }
  if (markers) notes.push(`signs taken from column ${JSON.stringify(header[columns.marker!])}`);
  const names: Partial<Record<string, string>> = {};
  for (const [field, at] of Object.entries(columns)) names[field] = header[at];
  // Files run oldest first or newest first: the balance on the latest row.
  const newestFirst = count > 1 && first! > last!;
  const balance = balances.length === 0 ? null : newestFirst ? balances[0]! : balances[balances.length - 1]!;
  return {
    format: 'csv',
    accountNumber: null,
    kind: null,
    currency: null,
    lines: pieceLines(pieces, count, read, flip, format!),
    removedIds: [],
    balance,
    notes,
    mapping: { columns: names, dateFormat: pattern, decimal, flip, ...(headerAt < 0 ? { headerless: true } : {}) },
  };
}

/**
 * The lines, visited piece by piece. Made apart from openCsv so that the closures hold
 * the pieces and not the text (a closure keeps every variable of its scope that any
 * closure there uses).
 */
function pieceLines(pieces: readonly Piece[], count: number, read: LineReader, flip: boolean, format: Format): StatementLines {
  const ignoreBalance = () => {};
  return {
    count,
    hasSplits: false,
    eachBatch(size, visit) {
      let batch: StatementLine[] = [];
      for (const p of pieces)
        eachRow(
          p.again(),
          (row, index) => {
            const line = read(row, index, ignoreBalance);
            if (!line) return;
            // `|| 0`: a zero turned is zero, not minus zero.
            if (flip) line.amountCents = -line.amountCents || 0;
            if (batch.push(line) === size) {
              visit(batch);
              batch = [];
            }
          },
          { ...format, index: p.index, line: p.line },
        );
      if (batch.length > 0) visit(batch);
    },
  };
}

type LineReader = ReturnType<typeof lineReader>;

interface Layout {
  header: readonly string[];
  headerAt: number;
  columns: CsvColumns;
  pattern: string;
  decimal: '.' | ',';
  /** The marker column gives the sign (surveyRows). */
  markers: boolean;
  currency: string;
}

/**
 * Reads a row into a line (undefined for the header and empty rows), or refuses it with
 * the line number, the column and the value. The signs are the file's, not yet flipped.
 */
function lineReader(layout: Layout) {
  const { header, headerAt, columns, pattern, decimal, currency } = layout;
  const markerSigns = layout.markers ? (marker: string) => (NEGATIVE_MARKERS.has(marker.toLowerCase()) ? -1 : 1) : undefined;
  const lastColumn = Math.max(...Object.values(columns));
  // A statement has a few hundred distinct dates for many thousand lines.
  const dates = new Map<string, string | undefined>();
  return (row: Row, index: number, onBalance: (cents: number, date: string) => void): StatementLine | undefined => {
    if (index <= headerAt || isEmpty(row)) return undefined;
    const cell = (c: number | undefined) => (c === undefined ? '' : (row.cells[c] ?? '').trim());
    if (row.cells.length < header.length && row.cells.length <= lastColumn)
      throw invalidInput(
        `line ${row.line} has ${row.cells.length} fields where the header has ${header.length}: the file looks cut off or malformed`,
      );
    const dateText = cell(columns.date);
    let date = dates.get(dateText);
    if (date === undefined && !dates.has(dateText)) {
      date = parseDate(dateText, pattern);
      dates.set(dateText, date);
    }
    if (date === undefined)
      throw invalidInput(
        `line ${row.line}: ${header[columns.date!]} ${JSON.stringify(dateText)} is not a date like ${showPattern(pattern)}`,
      );
    const money = (c: number | undefined) => {
      const t = cell(c);
      if (t === '') return undefined;
      const bare = stripCurrency(t);
      const cents = parseMoney(bare, { decimal, currency });
      if (cents === undefined) {
        const why = whyNotMoney(bare, { decimal, currency });
        throw invalidInput(
          `line ${row.line}: ${header[c!]} ${JSON.stringify(t)} ${why}${why === 'is not an amount' ? ` (decimal ${JSON.stringify(decimal)})` : ''}`,
        );
      }
      return cents;
    };
    let amount: number;
    if (columns.amount !== undefined && (cell(columns.amount) !== '' || columns.debit === undefined)) {
      const a = money(columns.amount);
      if (a === undefined) throw invalidInput(`line ${row.line}: ${header[columns.amount]} is empty`);
      // `|| 0`: a zero amount marked as a debit is zero, not minus zero.
      amount = markerSigns ? Math.abs(a) * markerSigns(cell(columns.marker)) || 0 : a;
    } else {
      const debit = money(columns.debit);
      const credit = money(columns.credit);
      if (debit === undefined && credit === undefined)
        throw invalidInput(`line ${row.line}: neither ${header[columns.debit!]} nor ${header[columns.credit!]} has an amount`);
      amount = Math.abs(credit ?? 0) - Math.abs(debit ?? 0);
    }
    const balance = money(columns.balance);
    if (balance !== undefined) onBalance(balance, date);
    // Cleaned first, so that a description of control characters only falls back to the memo.
    const named = lineText(cell(columns.description), 'description');
    const notes = lineText(cell(columns.memo), 'description');
    const memo = named === '' ? '' : lineText(notes, 'memo');
    return {
      id: null,
      date,
      amountCents: amount,
      description: named || notes,
      ...(memo === '' ? {} : { memo }),
      category: optionalLineText(cell(columns.category), 'label'),
    };
  };
}

/** `column 1`, `column 2`, ...: the names of a file without a header, as wide as its widest row. */
function positionNames(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column ${i + 1}`);
}

const widest = (rows: readonly Row[]) => rows.reduce((w, r) => Math.max(w, r.cells.length), 0);

const isEmpty = (row: Row) => !row.cells.some((c) => c.trim() !== '');

/** What is decided once for the whole file, read in one pass over its data rows. */
interface Survey {
  /** Data rows (not empty, after the header). */
  count: number;
  /** Cells of the widest row. */
  width: number;
  /** The money cells of the first 2,000 data rows (the decimal mark). */
  moneySamples: string[];
  /** The distinct date texts, the first 500 (the date format). */
  dates: string[];
  /** Every amount unsigned and every marker a known one: the marker column gives the sign. */
  markers: boolean;
}

function surveyRows(text: string, headerAt: number, columns: CsvColumns, moneyColumns: readonly number[]): Survey {
  const survey: Survey = {
    count: 0,
    width: 0,
    moneySamples: [],
    dates: [],
    markers: columns.marker !== undefined && columns.amount !== undefined,
  };
  const dates = new Set<string>();
  eachRow(text, (row, index) => {
    survey.width = Math.max(survey.width, row.cells.length);
    if (index <= headerAt || isEmpty(row)) return;
    if (survey.count++ < 2000) for (const c of moneyColumns) survey.moneySamples.push(row.cells[c] ?? '');
    const date = (row.cells[columns.date!] ?? '').trim();
    if (date !== '' && dates.size < 500 && !dates.has(date)) {
      dates.add(date);
      survey.dates.push(date);
    }
    // A column called Type that says something else (Sale, Payment) is not a marker.
    if (survey.markers) {
      const amount = (row.cells[columns.amount!] ?? '').trim();
      const marker = (row.cells[columns.marker!] ?? '').trim().toLowerCase();
      if (/^[-(]|-$/.test(amount) || !(NEGATIVE_MARKERS.has(marker) || POSITIVE_MARKERS.has(marker))) survey.markers = false;
    }
  });
  return survey;
}

/**
 * Columns given by position only (`date=1,description=2,amount=3`) may be of a file with
 * no header: its first row is a header only when its amount cells are text, not money.
 */
function headerOrNot(rows: readonly Row[], columns: CsvColumns): number {
  const first = rows.find((r) => r.cells.some((c) => c.trim() !== ''));
  if (!first) return -1;
  const cells = [columns.amount, columns.debit, columns.credit]
    .filter((c) => c !== undefined)
    .map((c) => stripCurrency((first.cells[c] ?? '').trim()))
    .filter((c) => c !== '');
  // Digits with separators and a sign, in either decimal style: money, not a column name.
  const money = (c: string) => /^[-+(]?[\d.,\s]+\)?-?$/.test(c);
  return cells.length > 0 && !cells.some(money) ? rows.indexOf(first) : -1;
}

interface Row {
  /** 1-based line of the file where the row starts. */
  line: number;
  cells: string[];
  /** Where in the text the row ends (after its line break), and the line the next starts on. */
  end: number;
  nextLine: number;
}

/** The delimiter and line break papaparse found, kept so that a piece of the text reads as the whole did. */
interface Format {
  delimiter: string;
  newline: string;
}

/** Rows from where a piece of the text starts. */
interface From extends Format {
  index: number;
  line: number;
}

/**
 * Visits the rows of a text in order (index from 0, with the line each starts on) until
 * `visit` returns false, without holding them: papaparse's step mode. A piece of a file
 * (`from`) is read with the file's delimiter and line break, its rows numbered on.
 */
function eachRow(text: string, visit: (row: Row, index: number, format: Format) => boolean | void, from?: From): void {
  // Rows are counted from 1 as editors show lines; a quoted field may hold a newline, so
  // the count follows the newlines inside each row.
  let line = from?.line ?? 1;
  let index = from?.index ?? 0;
  let failure: unknown;
  Papa.parse<string[]>(text, {
    ...(from
      ? { delimiter: from.delimiter, newline: from.newline as Papa.ParseConfig['newline'] }
      : { delimitersToGuess: [',', ';', '\t', '|'] }),
    skipEmptyLines: false,
    step: (result, parser) => {
      if (result.errors.some((e) => e.type === 'Quotes')) {
        failure = invalidInput(`the CSV file has an unclosed quote near row ${index + 1}: it looks cut off`);
        parser.abort();
        return;
      }
      const cells = result.data;
      const start = line;
      line += 1 + cells.reduce((n, c) => n + (c.match(/\n/g)?.length ?? 0), 0);
      const row = { line: start, cells, end: result.meta.cursor, nextLine: line };
      try {
        if (visit(row, index++, { delimiter: result.meta.delimiter, newline: result.meta.linebreak }) === false) parser.abort();
      } catch (error) {
        failure = error;
        parser.abort();
      }
    },
  });
  if (failure !== undefined) throw failure;
}

function findHeader(
  rows: readonly Row[],
  options: CsvOptions,
): { at: number; columns: CsvColumns; remembered?: CsvMapping } | undefined {
  let refused: unknown;
  const byPosition = options.columns !== undefined ? positionalColumns(options.columns, rows) : undefined;
  if (byPosition) {
    return { at: headerOrNot(rows, byPosition), columns: byPosition };
  }
  if (options.remembered?.headerless) {
    const columns = rememberedPositions(options.remembered);
    if (columns) return { at: headerOrNot(rows, columns), columns, remembered: options.remembered };
  }
  for (let at = 0; at < Math.min(rows.length, HEADER_SEARCH_ROWS); at++) {
    const header = rows[at]!.cells;
    if (options.columns !== undefined) {
      // The person's mapping: the first row that has every column they named.
      try {
        return { at, columns: columnsFromSpec(options.columns, header) };
      } catch (error) {
        refused ??= error;
        continue;
      }
    }
    const remembered = options.remembered && rememberedColumns(options.remembered, header);
    if (remembered) return { at, columns: remembered, remembered: options.remembered };
    const columns = detectColumns(header);
    if (columns) return { at, columns };
  }
  if (refused) throw refused;
  return undefined;
}

/** `--columns` that name every column by its position, read against the widest of the first rows; else undefined. */
function positionalColumns(spec: string, rows: readonly Row[]): CsvColumns | undefined {
  const parts = spec.split(',').map((p) => p.slice(p.indexOf('=') + 1).trim());
  if (!parts.every((p) => /^\d+$/.test(p))) return undefined;
  return columnsFromSpec(spec, positionNames(widest(rows.slice(0, HEADER_SEARCH_ROWS))));
}

/** A headerless file's remembered columns (`column 2`) as positions. */
function rememberedPositions(mapping: CsvMapping): CsvColumns | undefined {
  const columns: CsvColumns = {};
  for (const [field, name] of Object.entries(mapping.columns)) {
    const position = /^column (\d+)$/.exec(name ?? '')?.[1];
    if (position === undefined) return undefined;
    columns[field as keyof CsvColumns] = Number(position) - 1;
  }
  return columns;
}

function rememberedColumns(mapping: CsvMapping, header: readonly string[]): CsvColumns | undefined {
  const columns: CsvColumns = {};
  for (const [field, name] of Object.entries(mapping.columns)) {
    const at = header.indexOf(name!);
    if (at < 0) return undefined;
    columns[field as keyof CsvColumns] = at;
  }
  return columns;
}

/**
 * `1.234,56` or `1,234.56`? A comma followed by one or two digits at the end is a
 * decimal comma; a dot so placed is a decimal dot. With neither (whole amounts), a
 * comma followed by three digits alone cannot decide, and the dot is assumed.
 */
export function detectDecimal(values: readonly string[]): '.' | ',' {
  let comma = 0;
  let dot = 0;
  for (const raw of values) {
    const v = stripCurrency(raw.trim());
    if (/,\d{1,2}-?\)?$/.test(v)) comma++;
    else if (/\.\d{1,2}-?\)?$/.test(v)) dot++;
    else if (/^-?\(?\d{1,3}(\.\d{3})+,\d+/.test(v)) comma++;
  }
  return comma > dot ? ',' : '.';
}

/** Currency symbols and codes, and spaces used as thousands separators, go. */
function stripCurrency(text: string): string {
  return text
    .replace(/[$€£¥\s\u00a0\u202f]/g, '')
    .replace(/^([+-]?)[A-Z]{3}/, '$1')
    .replace(/[A-Z]{3}$/, '');
}

// Dutch banks write Af (off) and Bij (on).
const NEGATIVE_MARKERS = new Set(['debit', 'dr', 'd', 's', 'soll', 'withdrawal', 'out', 'db', 'af']);
const POSITIVE_MARKERS = new Set(['credit', 'cr', 'c', 'h', 'haben', 'deposit', 'in', 'bij']);

/*
 * A marker column (`DR`/`CR`, `Debit`/`Credit`, `S`/`H`) gives the sign when every
 * amount is written without one (surveyRows).
 */
