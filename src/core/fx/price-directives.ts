import { isValidDate } from '../dates';
import { invalidInput } from '../errors';
import { showValue } from '../show-value';
import { isCurrencyCode } from './currency-codes';
import { type DayRate, isOldRate, RateBook } from './rate-book';
import { div, mul, ONE, parseDecimal, type Rational } from './rational';

/**
 * Market price directives of ledger and hledger (`hledger prices` prints them):
 *
 *     P 2026-11-20 EUR 1.0512 USD      one euro costs 1.0512 dollars: USD 1.0512 per euro
 *     P 2026/11/20 NOK 0.0851 EUR      one krone costs 0.0851 euros: NOK 1/0.0851 per euro
 *     P 2026-11-20 12:00:00 GBP 1.27 USD   neither side is the euro: through USD's rate
 *
 * The price may also be written before its currency (`EUR USD 1.0512`). Blank lines and
 * comment lines (`;`, `#`, `*`, `%`, `|`) are skipped, as is a comment after ` ;`. A
 * directive between two currencies other than the euro gives the rate of one side through
 * the other's rate per euro on that day (at most a week older): the file's own euro
 * directives first, else the stored rates. The priced side is derived when the price's
 * currency has a rate, else the price's currency from the priced one's. Any line that
 * does not read refuses the whole file, naming it.
 */
export function parsePriceDirectives(text: string, source: string, stored: RateBook): DayRate[] {
  const directives = readDirectives(text);
  const direct = new Map<string, DayRate>();
  const crossed: Directive[] = [];
  for (const d of directives) {
    if (d.commodity === 'EUR') direct.set(key(d.date, d.currency), rateOf(d.date, d.currency, d.price, source));
    else if (d.currency === 'EUR') direct.set(key(d.date, d.commodity), rateOf(d.date, d.commodity, div(ONE, d.price), source));
    else crossed.push(d);
  }
  const own = crossed.length > 0 ? new RateBook(direct.values()) : undefined;
  /** The latest rate on or before `date` from the file or the stored ones (the file's on a tie), if not old. */
  const rateOn = (currency: string, date: string): Rational | undefined => {
    const a = own?.rateOn(currency, date);
    const b = stored.rateOn(currency, date);
    const best = a && (!b || a.date >= b.date) ? a : b;
    return best && !isOldRate(best.date, date) ? best.perEur : undefined;
  };
  const derived = new Map<string, DayRate>();
  for (const d of crossed) {
    // `1 commodity = price currency`: commodity per euro = currency per euro / price.
    const priceSide = rateOn(d.currency, d.date);
    const pricedSide = priceSide ? undefined : rateOn(d.commodity, d.date);
    if (priceSide) derived.set(key(d.date, d.commodity), rateOf(d.date, d.commodity, div(priceSide, d.price), source));
    else if (pricedSide) derived.set(key(d.date, d.currency), rateOf(d.date, d.currency, mul(pricedSide, d.price), source));
    else
      throw invalidInput(
        `line ${d.line}: neither ${d.commodity} nor ${d.currency} has a rate per euro by ${d.date} (in this file or stored) to convert through`,
        'add a P line of one of them against EUR, or run finagg rates update first',
      );
  }
  // A direct euro price of a day wins over one derived through another currency.
  for (const [k, r] of direct) derived.set(k, r);
  return [...derived.values()];
}

/** Whether a text's first line that is not blank or a comment is a `P` directive. */
export function looksLikePriceDirectives(text: string): boolean {
  for (const line of text.split(/\r\n|\n|\r/)) {
    if (isSkipped(line)) continue;
    return /^P\s/.test(line);
  }
  return false;
}

interface Directive {
  line: number;
  date: string;
  commodity: string;
  price: Rational;
  currency: string;
}

const COMMENT = /^\s*[;#*%|]/;

function isSkipped(line: string): boolean {
  return line.trim() === '' || COMMENT.test(line) || line.charCodeAt(0) === 0xfeff;
}

function readDirectives(text: string): Directive[] {
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\n|\r/);
  const out: Directive[] = [];
  lines.forEach((raw, index) => {
    if (isSkipped(raw)) return;
    const n = index + 1;
    const line = raw.replace(/\s;.*$/, '').trim();
    const shape = 'is not a price directive (P 2026-11-20 EUR 1.0512 USD)';
    if (!/^P\s/.test(raw)) throw invalidInput(`line ${n}: ${showValue(raw.trim())} ${shape}`);
    const tokens = line.split(/\s+/).slice(1);
    const date = directiveDate(tokens.shift() ?? '');
    if (date === undefined)
      throw invalidInput(`line ${n}: date ${showValue(line.split(/\s+/)[1] ?? '')} is not a date (YYYY-MM-DD or YYYY/MM/DD)`);
    if (/^\d{1,2}:\d{2}(:\d{2})?$/.test(tokens[0] ?? '')) tokens.shift();
    if (tokens.length !== 3) throw invalidInput(`line ${n}: ${showValue(line)} ${shape}`);
    const [first, second, third] = tokens as [string, string, string];
    // `EUR 1.0512 USD` or `EUR USD 1.0512`: the price is the side that is not a code.
    const codeFirst = looksLikeCode(second) && !looksLikeCode(third);
    const [priceText, currencyText] = codeFirst ? [third, second] : [second, third];
    const commodity = directiveCurrency(first, n);
    const currency = directiveCurrency(currencyText, n);
    const price = directivePrice(priceText, n);
    if (commodity === currency) throw invalidInput(`line ${n}: a price of ${commodity} in ${currency}`);
    out.push({ line: n, date, commodity, price, currency });
  });
  return out;
}

function looksLikeCode(token: string): boolean {
  return /^"?[A-Za-z]{3}"?$/.test(token);
}

/** `2026-11-20`, `2026/11/20` (ledger), `2026.11.20` (hledger); a month or day may have one digit. */
function directiveDate(text: string): string | undefined {
  const m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(text);
  if (!m) return undefined;
  const date = `${m[1]}-${m[3]!.padStart(2, '0')}-${m[4]!.padStart(2, '0')}`;
  return isValidDate(date) ? date : undefined;
}

function directiveCurrency(token: string, line: number): string {
  const code = token.replace(/^"(.*)"$/, '$1').toUpperCase();
  if (!/^[A-Z]{3}$/.test(code) || !isCurrencyCode(code))
    throw invalidInput(`line ${line}: ${showValue(token)} is not a currency code (ISO 4217, such as USD)`);
  return code;
}

/** `1.0512`, `1,234.56` (commas grouping thousands); never zero or below. */
function directivePrice(token: string, line: number): Rational {
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?$/.test(token) ? token.replace(/,/g, '') : token;
  const value = parseDecimal(plain);
  if (value === undefined) throw invalidInput(`line ${line}: price ${showValue(token)} is not a number`);
  if (value.num <= 0n) throw invalidInput(`line ${line}: price ${showValue(token)} is not above zero`);
  return value;
}

function rateOf(date: string, currency: string, perEur: Rational, source: string): DayRate {
  return { date, currency, perEur, source };
}

const key = (date: string, currency: string) => `${date}|${currency}`;
