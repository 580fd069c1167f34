import { invalidInput } from '../errors';
import { showValue } from '../show-value';
import { looksLikeEcbCsv, looksLikeXml, parseEcbCsv, parseEcbXml } from './ecb-files';
import { looksLikePriceDirectives, parsePriceDirectives } from './price-directives';
import type { DayRate, RateBook } from './rate-book';

export type RateFileFormat = 'ecb-xml' | 'ecb-csv' | 'price-directives';

export interface RateFile {
  format: RateFileFormat;
  /** One a day and currency. */
  rates: DayRate[];
  /** Who an XML file says sent it (`European Central Bank`); null for the other formats. */
  sender: string | null;
}

export interface ReadRateFileOptions {
  /** The source of the rates of an ECB file (CSV or XML). */
  ecbSource: string;
  /** The source of the rates of a file of price directives. */
  directiveSource: string;
  /** The rates stored, through which a directive between two other currencies converts. */
  stored: RateBook;
}

/** What a file of rates is, from its content; refused when it is none of them. */
export function detectRateFormat(text: string): RateFileFormat {
  if (text.includes('\u0000')) throw invalidInput('the file is not text: it is not a file of rates');
  if (looksLikeXml(text)) return 'ecb-xml';
  if (looksLikeEcbCsv(text)) return 'ecb-csv';
  if (looksLikePriceDirectives(text)) return 'price-directives';
  const lines = text.split(/\r\n|\n|\r/);
  const index = lines.findIndex((l) => l.trim() !== '');
  const where = index < 0 ? 'the file is empty' : `line ${index + 1}: ${showValue(lines[index]!.trim())}`;
  throw invalidInput(`${where}: not the ECB’s reference rates (CSV or XML) nor price directives (P 2026-11-20 EUR 1.0512 USD)`);
}

/** A file of rates read whole: every rate, or an error naming the first bad line or field. */
export function readRateFile(text: string, options: ReadRateFileOptions): RateFile {
  const format = detectRateFormat(text);
  if (format === 'ecb-xml') {
    const xml = parseEcbXml(text, options.ecbSource);
    return { format, rates: xml.rates, sender: xml.sender };
  }
  if (format === 'ecb-csv') return { format, rates: parseEcbCsv(text, options.ecbSource), sender: null };
  const rates = parsePriceDirectives(text, options.directiveSource, options.stored);
  if (rates.length === 0) throw invalidInput('the file holds no price directives (P 2026-11-20 EUR 1.0512 USD)');
  return { format, rates, sender: null };
}
