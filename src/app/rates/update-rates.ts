import { utcDate, daysBetween } from '../../core/dates';
import { AppError, invalidInput } from '../../core/errors';
import { looksLikeXml, parseEcbXml } from '../../core/fx/ecb-files';
import { showValue } from '../../core/show-value';
import { HttpsFailure, httpsRequest } from '../../providers/simplefin/https';
import { SIMULATED_RATES_SOURCE } from '../../providers/sim/reference-rates';
import { latestRateDate, upsertRates } from '../../storage/rates-repo';
import type { AppContext } from '../context';
import { ECB_SOURCE } from './import-rates';

/** Where the ECB publishes its reference rates (`FINAGG_ECB_URL` overrides it). */
export const DEFAULT_ECB_URL = 'https://www.ecb.europa.eu/stats/eurofxref';

/** The whole history since 1999 (about 15 MB), and the last 90 days (about 50 KB). */
export const ECB_HISTORY_FILE = 'eurofxref-hist.xml';
export const ECB_90_DAYS_FILE = 'eurofxref-hist-90d.xml';

/** Older than this, the 90-day file would leave a gap: the whole history is fetched instead. */
export const FULL_HISTORY_AFTER_DAYS = 80;

export interface UpdateRatesOptions {
  /** The ECB's base URL (FINAGG_ECB_URL); DEFAULT_ECB_URL when absent or empty. */
  baseUrl?: string;
  timeoutMs?: number;
}

export interface UpdateRatesResult {
  /** Rates in the file fetched. */
  fetched: number;
  /** Of those, the ones stored now that were not stored as they are. */
  imported: number;
  /** The first and last day of the file fetched. */
  from: string | null;
  to: string | null;
  /** The file fetched: `eurofxref-hist.xml` or `eurofxref-hist-90d.xml`. */
  file: string;
}

/** The ECB file that brings the stored rates up to date without a gap. */
export function ecbFileFor(latestEcbDate: string | undefined, today: string): string {
  return latestEcbDate === undefined || daysBetween(latestEcbDate, today) > FULL_HISTORY_AFTER_DAYS
    ? ECB_HISTORY_FILE
    : ECB_90_DAYS_FILE;
}

/**
 * `finagg rates update`: fetches the ECB's reference rates over HTTPS (certificates
 * verified) and stores what is new. The whole history when nothing from the ECB is stored
 * or its latest day is more than 80 days old, else the last 90 days. A rate of a day
 * replaces a stored one from the ECB or the simulated series, never one from a person's
 * own file. A timeout, an untrusted certificate or an answer that is not the ECB's XML is
 * one `provider_error`, and nothing is stored.
 */
export async function updateRates(ctx: AppContext, options: UpdateRatesOptions = {}): Promise<UpdateRatesResult> {
  const base = baseUrl(options.baseUrl);
  const file = ecbFileFor(latestRateDate(ctx.sqlite, ECB_SOURCE), utcDate(ctx.clock.nowMs()));
  const url = new URL(`${base.pathname.replace(/\/+$/, '')}/${file}`, base);
  const host = url.host;
  const hint = 'try again later: finagg rates update';
  let body: string;
  try {
    const answer = await httpsRequest({
      method: 'GET',
      url,
      timeoutMs: options.timeoutMs ?? (file === ECB_HISTORY_FILE ? 120_000 : 30_000),
      maxBytes: 100 * 1024 * 1024,
    });
    if (answer.status !== 200)
      throw new AppError('provider_error', `the ECB’s rates: ${host} answered ${answer.status} for ${file}`, hint);
    body = answer.body;
  } catch (error) {
    if (error instanceof HttpsFailure)
      throw new AppError('provider_error', `the ECB’s rates could not be fetched: ${error.message}`, hint, { cause: error });
    throw error;
  }
  if (!looksLikeXml(body))
    throw new AppError('provider_error', `the ECB’s rates: the answer of ${host} for ${file} is not XML`, hint);
  let rates;
  try {
    rates = parseEcbXml(body, ECB_SOURCE).rates;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError(
      'provider_error',
      `the ECB’s rates: the answer of ${host} for ${file} is not its reference rates (${message})`,
      hint,
    );
  }
  const counts = upsertRates(ctx.sqlite, rates, { replaceSources: [ECB_SOURCE, SIMULATED_RATES_SOURCE] });
  const dates = rates.map((r) => r.date).sort();
  const result: UpdateRatesResult = {
    fetched: rates.length,
    imported: counts.added + counts.changed,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
    file,
  };
  ctx.log.log('info', 'rates.updated', { ...result, host, kept: counts.kept });
  return result;
}

/** The base URL, checked: an https:// URL without credentials. */
function baseUrl(text: string | undefined): URL {
  const value = text === undefined || text.trim() === '' ? DEFAULT_ECB_URL : text.trim();
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.username !== '' || url.password !== '')
    throw invalidInput(`invalid FINAGG_ECB_URL ${showValue(value)}: must be an https:// URL such as ${DEFAULT_ECB_URL}`);
  return url;
}
