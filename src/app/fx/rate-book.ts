import type { RateBook } from '../../core/fx/rate-book';
import { loadRateBook } from '../../storage/rates-repo';
import type { AppContext } from '../context';

/**
 * The stored rates of the currencies finagg holds money in (every account's, and the home
 * currency when set): the ECB's whole history is some 280,000 rates, of which a household
 * needs one or two currencies' worth.
 */
export function rateBookFor(ctx: AppContext): RateBook {
  const rows = ctx.sqlite
    .prepare(
      `SELECT DISTINCT currency FROM accounts
       UNION SELECT json_extract(value, '$') FROM settings WHERE key = 'currency.home'`,
    )
    .pluck()
    .all() as string[];
  return loadRateBook(ctx.sqlite, [...new Set(rows.filter((c) => typeof c === 'string').map((c) => c.toUpperCase()))]);
}
