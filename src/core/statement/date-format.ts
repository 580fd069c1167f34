import { isValid, parse } from 'date-fns';
import { invalidInput } from '../errors';

/**
 * Dates in statement files come in many spellings. Formats are date-fns patterns; a
 * person may write them the common way (`DD/MM/YYYY`), which `toPattern` translates.
 */
const CANDIDATES = [
  'yyyy-MM-dd',
  'yyyy/MM/dd',
  'yyyy.MM.dd',
  'yyyyMMdd',
  'MM/dd/yyyy',
  'dd/MM/yyyy',
  'dd.MM.yyyy',
  'MM-dd-yyyy',
  'dd-MM-yyyy',
  'MM/dd/yy',
  'dd/MM/yy',
  'dd.MM.yy',
  'd MMM yyyy',
  'dd-MMM-yyyy',
  'dd-MMM-yy',
  'MMM d, yyyy',
  'MMM d yyyy',
] as const;

/** How a pattern is shown to people. */
export function showPattern(pattern: string): string {
  return pattern.replace(/y/g, 'Y').replace(/d/g, 'D');
}

/** `DD/MM/YYYY` (or the date-fns `dd/MM/yyyy`) to a date-fns pattern; refused when it lacks a year, month or day. */
export function toPattern(format: string): string {
  const pattern = format.replace(/Y/g, 'y').replace(/D/g, 'd');
  if (!/y/.test(pattern) || !/M/.test(pattern) || !/d/.test(pattern))
    throw invalidInput(`--date-format ${JSON.stringify(format)} needs a year, a month and a day (like DD/MM/YYYY)`);
  return pattern;
}

const REFERENCE = new Date(2000, 0, 1);

/** A text date to `YYYY-MM-DD` with a pattern, or undefined. A time after the date is ignored. */
export function parseDate(text: string, pattern: string): string | undefined {
  const value = text.trim().replace(/[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*([AaPp][Mm]|Z|[+-]\d{2}:?\d{2})?$/, '');
  const d = parse(value, pattern, REFERENCE);
  if (!isValid(d)) return undefined;
  const year = d.getFullYear();
  if (year < 1900 || year > 2200) return undefined;
  return `${year}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export interface DetectedDates {
  pattern: string;
  /** Set when more than one reading fits every date and this one was chosen. */
  ambiguous: boolean;
}

/**
 * The candidate that reads the most samples (a stray bad date is then reported on its
 * own line, not as an unknown format). Month-first and day-first both fit when no day is
 * above 12; then day-first is taken where amounts use a decimal comma (the day-first
 * countries) and month-first otherwise, and the caller says so.
 */
export function detectDateFormat(samples: readonly string[], decimalComma: boolean): DetectedDates | undefined {
  const values = [...new Set(samples.map((s) => s.trim()).filter((s) => s !== ''))].slice(0, 500);
  if (values.length === 0) return undefined;
  const scored = CANDIDATES.map((pattern) => ({
    pattern,
    fits: values.filter((v) => parseDate(v, pattern) !== undefined).length,
  }));
  const best = Math.max(...scored.map((s) => s.fits));
  if (best === 0 || best < values.length / 2) return undefined;
  const fits = scored.filter((s) => s.fits === best).map((s) => s.pattern);
  const monthFirst = fits.find((p) => p.startsWith('MM'));
  const dayFirst = fits.find((p) => p.startsWith('dd'));
  if (monthFirst && dayFirst) return { pattern: decimalComma ? dayFirst : monthFirst, ambiguous: true };
  return { pattern: fits[0]!, ambiguous: false };
}
