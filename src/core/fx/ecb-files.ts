import { readTextXml, type XmlNode } from '../text-xml';
import { isValidDate } from '../dates';
import { invalidInput } from '../errors';
import { showValue } from '../show-value';
import { isCurrencyCode } from './currency-codes';
import { type DayRate, rateText } from './rate-book';
import { formatRational, parseDecimal, type Rational } from './rational';

/**
 * The euro foreign exchange reference rates as the ECB publishes them
 * (https://www.ecb.europa.eu/stats/eurofxref/): units of each currency per euro, by day.
 *
 * - XML (`eurofxref-daily.xml`, `eurofxref-hist-90d.xml`, `eurofxref-hist.xml`): a
 *   `gesmes:Envelope` whose `Cube` holds one `Cube time="YYYY-MM-DD"` a day, newest first,
 *   each with one `Cube currency="USD" rate="1.0512"` a currency.
 * - CSV, the day's (`eurofxref.csv`): a header `Date, USD, JPY, ...` and one row dated
 *   `20 November 2026`; the history (`eurofxref-hist.csv`): `Date,USD,JPY,...` and a row a
 *   day dated `YYYY-MM-DD`, `N/A` where a currency was not quoted that day. Both end each
 *   line with a comma.
 *
 * All or nothing: a bad value anywhere refuses the whole file, naming where it is.
 */

/** The ECB's namespaces, written back by writeEcbXml. */
const GESMES_NAMESPACE = 'http://www.gesmes.org/xml/2002-08-01';
const EUROFXREF_NAMESPACE = 'http://www.ecb.int/vocabulary/2002-08-01/eurofxref';

export interface EcbXml {
  rates: DayRate[];
  /** `gesmes:Sender/gesmes:name`: `European Central Bank` in the ECB's own files. */
  sender: string | null;
}

type Node = XmlNode;

/** A rate stays text ("0.85570"): it is read exactly, never through a float. */
const LISTS: ReadonlySet<string> = new Set(['Cube']);

/** Whether a text is XML at all (an ECB file or not): it starts with a tag. */
export function looksLikeXml(text: string): boolean {
  return /^\s*</.test(stripBom(text));
}

/** Whether a text is the ECB's CSV: its first line is `Date,` then currency codes (a bank's `Date,Description` is not). */
export function looksLikeEcbCsv(text: string): boolean {
  return /^\s*Date\s*,\s*[A-Za-z]{3}\s*(,|\r?\n|$)/i.test(stripBom(text));
}

export function parseEcbXml(text: string, source: string): EcbXml {
  const doc = readTextXml(stripBom(text), 'the ECB’s reference rates', 'the XML file', LISTS);
  const envelope = doc.Envelope;
  const outer = isNode(envelope) ? envelope.Cube : undefined;
  if (!isNode(envelope) || !Array.isArray(outer))
    throw invalidInput('the XML file is not the ECB’s reference rates (a gesmes:Envelope with a Cube of days)');
  const sender = isNode(envelope.Sender) ? textOf(envelope.Sender.name) : undefined;
  const rates = new Map<string, DayRate>();
  // A history holds 280,000 rates of some 40 currencies: each code is checked once.
  const checked = new Map<string, string>();
  for (const holder of outer) {
    if (!isNode(holder)) continue;
    for (const day of nodes(holder.Cube)) {
      const time = textOf(day['@time']);
      if (time === undefined) throw invalidInput('a Cube of rates has no time (Cube time="YYYY-MM-DD")');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(time) || !isValidDate(time))
        throw invalidInput(`Cube time ${showValue(time)} is not a date (YYYY-MM-DD)`);
      for (const cube of nodes(day.Cube)) {
        const code = textOf(cube['@currency']);
        if (code === undefined) throw invalidInput(`Cube time="${time}": a rate without its currency`);
        let currency = checked.get(code);
        if (currency === undefined) {
          currency = readCurrency(code, `Cube time="${time}"`);
          checked.set(code, currency);
        }
        const value = textOf(cube['@rate']);
        const where = () => `Cube time="${time}" currency="${currency}"`;
        if (value === undefined) throw invalidInput(`${where()}: no rate`);
        rates.set(`${time}|${currency}`, { date: time, currency, perEur: readRate(value, where), source });
      }
    }
  }
  if (rates.size === 0) throw invalidInput('the XML file holds no rates (no Cube currency="..." rate="...")');
  return { rates: [...rates.values()], sender: sender ?? null };
}

export function parseEcbCsv(text: string, source: string): DayRate[] {
  const lines = stripBom(text).split(/\r\n|\n|\r/);
  const header = lines[0]!.split(',').map((c) => c.trim());
  if (!/^date$/i.test(header[0] ?? ''))
    throw invalidInput(`line 1: ${showValue(lines[0])} is not the ECB’s CSV header (Date, USD, JPY, ...)`);
  // The ECB ends each line with a comma: empty cells at the end are no column.
  while (header.length > 1 && header[header.length - 1] === '') header.pop();
  const codes = header.slice(1).map((cell, i) => {
    const where = `line 1, column ${i + 2}`;
    if (cell === '') throw invalidInput(`${where}: a column without a currency`);
    return readCurrency(cell, where);
  });
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) throw invalidInput(`line 1: currency ${c} has two columns`);
    seen.add(c);
  }
  if (codes.length === 0) throw invalidInput('line 1: the header names no currency (Date, USD, JPY, ...)');
  const rates = new Map<string, DayRate>();
  lines.forEach((line, index) => {
    if (index === 0 || line.trim() === '') return;
    const n = index + 1;
    const cells = line.split(',').map((c) => c.trim());
    const date = csvDate(cells[0]!);
    if (date === undefined)
      throw invalidInput(`line ${n}: date ${showValue(cells[0])} is not a date (YYYY-MM-DD, or 20 November 2026)`);
    for (let i = 1; i < cells.length; i++) {
      const cell = cells[i]!;
      const currency = codes[i - 1];
      if (currency === undefined) {
        if (cell !== '') throw invalidInput(`line ${n}: value ${showValue(cell)} in column ${i + 1}, which has no currency`);
        continue;
      }
      // N/A: the currency was not quoted that day (or not yet, or no longer).
      if (cell === '' || /^n\/a$/i.test(cell)) continue;
      rates.set(`${date}|${currency}`, {
        date,
        currency,
        perEur: readRate(cell, () => `line ${n} (${date}), ${currency}`),
        source,
      });
    }
  });
  if (rates.size === 0) throw invalidInput('the CSV file holds no rates (only a header, or N/A everywhere)');
  return [...rates.values()];
}

/**
 * The ECB's XML layout for a series of rates (the simulated one, or any rates finagg
 * holds), newest day first as the ECB writes it, under `senderName`, so that anything
 * that reads the ECB's file reads it. A rate with no exact decimal is written to 10 places.
 */
export function writeEcbXml(rates: readonly DayRate[], senderName: string): string {
  const days = new Map<string, DayRate[]>();
  for (const r of rates) {
    const list = days.get(r.date) ?? [];
    list.push(r);
    days.set(r.date, list);
  }
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<gesmes:Envelope xmlns:gesmes="${GESMES_NAMESPACE}" xmlns="${EUROFXREF_NAMESPACE}">`,
    '\t<gesmes:subject>Reference rates</gesmes:subject>',
    '\t<gesmes:Sender>',
    `\t\t<gesmes:name>${escapeXml(senderName)}</gesmes:name>`,
    '\t</gesmes:Sender>',
    '\t<Cube>',
  ];
  for (const date of [...days.keys()].sort().reverse()) {
    out.push(`\t\t<Cube time='${date}'>`);
    for (const r of days.get(date)!)
      out.push(`\t\t\t<Cube currency='${escapeXml(r.currency)}' rate='${decimalText(r.perEur)}'/>`);
    out.push('\t\t</Cube>');
  }
  out.push('\t</Cube>', '</gesmes:Envelope>', '');
  return out.join('\n');
}

/** A rate as the ECB writes one: a plain decimal. */
function decimalText(r: Rational): string {
  const text = rateText(r);
  return text.includes('/') ? formatRational(r, 10) : text;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** `2026-11-20` (the history) or `20 November 2026` (the day's file, also `20 Nov 2026`). */
function csvDate(text: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return isValidDate(text) ? text : undefined;
  const m = /^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$/.exec(text);
  if (!m) return undefined;
  const name = m[2]!.toLowerCase();
  const month = MONTHS.findIndex((full) => full === name || (name.length === 3 && full.startsWith(name)));
  if (month < 0) return undefined;
  const date = `${m[3]}-${String(month + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
  return isValidDate(date) ? date : undefined;
}

/** A currency of a rate file: an ISO 4217 code, never the euro itself (every rate is per euro). */
export function readCurrency(text: string, where: string): string {
  const code = text.trim();
  if (!/^[A-Z]{3}$/.test(code) || !isCurrencyCode(code))
    throw invalidInput(`${where}: ${showValue(text)} is not a currency code (ISO 4217, such as USD)`);
  if (code === 'EUR') throw invalidInput(`${where}: EUR has no rate per euro (it is 1 by definition)`);
  return code;
}

/** A rate as written (`1.0512`), exactly; refused unless a decimal above zero. */
export function readRate(text: string, where: string | (() => string)): Rational {
  const value = parseDecimal(text);
  const at = () => (typeof where === 'string' ? where : where());
  if (value === undefined) throw invalidInput(`${at()}: rate ${showValue(text)} is not a number`);
  if (value.num <= 0n) throw invalidInput(`${at()}: rate ${showValue(text)} is not above zero`);
  return value;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function escapeXml(text: string): string {
  return text.replace(
    /[&<>'"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', "'": '&apos;', '"': '&quot;' })[c as '&' | '<' | '>' | "'" | '"'],
  );
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nodes(value: unknown): Node[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter(isNode);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (isNode(value) && typeof value['#text'] === 'string') return value['#text'].trim();
  return undefined;
}
