import fs from 'node:fs';
import path from 'node:path';
import { AppError, invalidInput } from '../../core/errors';
import { type RateFileFormat, readRateFile } from '../../core/fx/rate-file';
import type { DayRate } from '../../core/fx/rate-book';
import { showValue } from '../../core/show-value';
import { SIMULATED_RATES_SENDER, SIMULATED_RATES_SOURCE } from '../../providers/sim/reference-rates';
import { loadRateBook, upsertRates, type UpsertCounts } from '../../storage/rates-repo';
import type { AppContext } from '../context';

/** The source of the rates of an ECB file. */
export const ECB_SOURCE = 'ecb';

export interface ImportRatesResult {
  /** Rates of the file now stored (each day and currency once; a day stored before is replaced). */
  imported: number;
  /** The file's first and last day. */
  from: string;
  to: string;
  /** The file's currencies, in order. */
  currencies: string[];
  /** `ecb`, `simulated` (finagg's simulated series) or `file:<name>` (price directives). */
  source: string;
  format: RateFileFormat;
  counts: UpsertCounts;
}

export interface ImportRatesOptions {
  /** The source to store the rates under, instead of the one the file's kind gives. */
  source?: string;
  /** Replace only stored rates of these sources (the others are kept); all when absent. */
  replaceSources?: readonly string[];
}

/** The largest file of rates read: the ECB's whole history as XML is about 15 MB. */
const MAX_BYTES = 100 * 1024 * 1024;

/**
 * `finagg rates import <file>`: the ECB's CSV or XML, or ledger price directives, told
 * apart by their content, read whole and stored in one transaction: a file with one bad
 * line stores nothing. An ECB file's rates are stored as `ecb` (`simulated` when its sender
 * is finagg's simulated series), price directives as `file:<name>`.
 */
export async function importRates(ctx: AppContext, file: string, options: ImportRatesOptions = {}): Promise<ImportRatesResult> {
  return importRateText(ctx, readRateText(file), path.basename(file), options);
}

/** A text of rates (a file's, or an answer's), read and stored as importRates does. */
export function importRateText(
  ctx: AppContext,
  text: string,
  fileName: string,
  options: ImportRatesOptions = {},
): ImportRatesResult {
  const read = readRateFile(text, {
    ecbSource: ECB_SOURCE,
    directiveSource: fileSource(fileName),
    // Directives between two other currencies convert through the rates stored.
    stored: loadRateBook(ctx.sqlite),
  });
  const senderSource = read.format === 'ecb-xml' && read.sender === SIMULATED_RATES_SENDER ? SIMULATED_RATES_SOURCE : undefined;
  const source = options.source ?? senderSource;
  const rates: DayRate[] = source === undefined ? read.rates : read.rates.map((r) => ({ ...r, source }));
  const counts = upsertRates(ctx.sqlite, rates, { replaceSources: options.replaceSources });
  const dates = rates.map((r) => r.date).sort();
  const result: ImportRatesResult = {
    imported: counts.added + counts.changed + counts.unchanged,
    from: dates[0]!,
    to: dates[dates.length - 1]!,
    currencies: [...new Set(rates.map((r) => r.currency))].sort(),
    source: rates[0]!.source,
    format: read.format,
    counts,
  };
  ctx.log.log('info', 'rates.imported', {
    file: fileName,
    format: result.format,
    source: result.source,
    imported: result.imported,
    from: result.from,
    to: result.to,
  });
  return result;
}

/** `file:<name>`: where a person's price directives came from, one line, not too long. */
function fileSource(fileName: string): string {
  const name = fileName.replace(/[\u0000-\u001f\u007f]/g, '?');
  return `file:${name.length > 80 ? `${name.slice(0, 77)}...` : name}`;
}

function readRateText(file: string): string {
  let bytes: Buffer;
  try {
    if (fs.statSync(file).isDirectory()) throw invalidInput(`${showValue(file)} is a directory, not a file of rates`);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new AppError('not_found', `no file ${showValue(file)}`);
    if (code === 'EACCES' || code === 'EPERM') throw invalidInput(`${showValue(file)} cannot be read (permission denied)`);
    throw error;
  }
  if (bytes.length === 0) throw invalidInput(`${showValue(file)} is empty`);
  if (bytes.length > MAX_BYTES)
    throw invalidInput(`${showValue(file)} is larger than ${MAX_BYTES / 1024 / 1024} MB: not a file of rates`);
  // UTF-8 (the ECB's files are ASCII); a byte order mark is dropped.
  return new TextDecoder('utf-8').decode(bytes);
}
