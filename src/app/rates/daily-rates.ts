import { utcDate, weekday } from '../../core/dates';
import { SIM_BANK_IDS } from '../../providers/sim/banks';
import type { AppContext } from '../context';
import { getSettings } from '../settings';
import { importSimulatedRates } from './simulated-rates';
import { updateRates } from './update-rates';

/** The ECB publishes around 16:00 CET (15:00 UTC in winter, 14:00 in summer): after 15:00 UTC the day's are out. */
const PUBLISHED_AFTER_HOUR_UTC = 15;

export interface DailyRatesOptions {
  /** FINAGG_ECB_URL. */
  ecbUrl?: string;
}

export type DailyRatesOutcome =
  | { ran: false }
  | { ran: true; from: 'ecb' | 'simulated'; imported: number }
  | { ran: true; from: 'ecb' | 'simulated'; error: string };

/**
 * Whether the day's rates are due: on a weekday after the ECB publishes, not tried yet
 * today, and with money in more than one currency (the accounts' currencies and the home
 * currency when set): a home of one currency needs no rate.
 */
export async function ratesDue(ctx: AppContext): Promise<boolean> {
  const nowMs = ctx.clock.nowMs();
  const today = utcDate(nowMs);
  const day = weekday(today);
  if (day === 0 || day === 6) return false;
  if (new Date(nowMs).getUTCHours() < PUBLISHED_AFTER_HOUR_UTC) return false;
  const state = ctx.sqlite.prepare('SELECT rates_tried_on FROM daemon_state WHERE id = 1').get() as
    { rates_tried_on: string | null } | undefined;
  if (state?.rates_tried_on === today) return false;
  const currencies = new Set(
    (ctx.sqlite.prepare('SELECT DISTINCT currency FROM accounts WHERE closed = 0').all() as { currency: string }[]).map(
      (r) => r.currency,
    ),
  );
  const home = (await getSettings(ctx))['currency.home'];
  if (home !== null) currencies.add(home);
  return currencies.size > 1;
}

/**
 * Once a round of the daemon: when rates are due (ratesDue), the day is noted as tried
 * and the rates are brought up to date: the ECB's, or, in a home of only the simulated
 * banks (the demo), the simulated series, which needs no network. A failure is logged and
 * tried again the next day; it is never thrown.
 */
export async function dailyRates(ctx: AppContext, options: DailyRatesOptions = {}): Promise<DailyRatesOutcome> {
  let from: 'ecb' | 'simulated' = 'ecb';
  try {
    if (!(await ratesDue(ctx))) return { ran: false };
    const today = utcDate(ctx.clock.nowMs());
    ctx.sqlite
      .prepare(
        `INSERT INTO daemon_state (id, rates_tried_on) VALUES (1, ?)
         ON CONFLICT (id) DO UPDATE SET rates_tried_on = excluded.rates_tried_on`,
      )
      .run(today);
    const real = ctx.sqlite
      .prepare(
        `SELECT COUNT(*) AS n FROM accounts WHERE closed = 0 AND provider NOT IN (${SIM_BANK_IDS.map(() => '?').join(', ')})`,
      )
      .get(...SIM_BANK_IDS) as { n: number };
    from = real.n > 0 ? 'ecb' : 'simulated';
    const imported =
      from === 'ecb'
        ? (await updateRates(ctx, { baseUrl: options.ecbUrl })).imported
        : newOf((await importSimulatedRates(ctx)).counts);
    return { ran: true, from, imported };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.log('warn', 'rates.daily_failed', { from, error: message });
    return { ran: true, from, error: message };
  }
}

const newOf = (counts: { added: number; changed: number }) => counts.added + counts.changed;
