import { writeEcbXml } from '../../core/fx/ecb-files';
import type { DayRate } from '../../core/fx/rate-book';
import { parseDecimal } from '../../core/fx/rational';
import { civilFromDay, DAY_MS, dayFromCivil } from './calendar';
import { rngFor } from './rng';
import { easter } from './business-days';

/**
 * The simulated world's reference rates: what the ECB would have published on the days the
 * simulated banks hold, so that the demo household's dollars and euros add up to one net
 * worth without a network. Not the ECB's: its file says so in its sender, and its rates
 * are stored under the source `simulated`.
 *
 * Each currency is a gentle random walk of its logarithm around a realistic level, pulled
 * back a little every day (so it never wanders off in a long history), quoted to the
 * ECB's digits on the ECB's publishing days: weekdays that are not TARGET holidays. The
 * walk starts on the euro's first day (4 January 1999) from a stream of the seed and the
 * currency, so a day's rate is the same whatever window is asked for.
 */
export const SIMULATED_RATES_SENDER = 'finagg simulated reference rates (not the European Central Bank)';
export const SIMULATED_RATES_SOURCE = 'simulated';

interface SimCurrency {
  code: string;
  /** Units per euro the walk moves around. */
  level: number;
  /** Decimal places as the ECB quotes it (4 to 5 significant digits). */
  decimals: number;
  /** Standard deviation of a day's move of the logarithm. */
  dailyMove: number;
}

const CURRENCIES: readonly SimCurrency[] = [
  { code: 'USD', level: 1.1, decimals: 4, dailyMove: 0.004 },
  { code: 'JPY', level: 165, decimals: 2, dailyMove: 0.005 },
  { code: 'GBP', level: 0.86, decimals: 5, dailyMove: 0.003 },
  { code: 'CHF', level: 0.94, decimals: 4, dailyMove: 0.003 },
];

/** Share of the distance to the level taken back each publishing day: about 4% spread at rest. */
const PULL_BACK = 0.005;
const EURO_FIRST_DAY = dayFromCivil(1999, 1, 4);
/** Days before the first held day that get rates too, so that it has one on or before it. */
const LEAD_DAYS = 7;
/** The ECB publishes around 16:00 CET; after 15:00 UTC the day's rates are out, summer or winter. */
const PUBLISHED_AFTER_MS = 15 * 3_600_000;

export interface SimulatedRatesOptions {
  seed: number;
  nowMs: number;
  /** Days the simulated banks hold before now (FINAGG_SIM_HISTORY_DAYS). */
  historyDays: number;
}

/** The series for the window the simulated banks hold at `nowMs`, oldest day first. */
export function simulatedReferenceRates(options: SimulatedRatesOptions): DayRate[] {
  const today = Math.floor(options.nowMs / DAY_MS);
  const last = options.nowMs - today * DAY_MS >= PUBLISHED_AFTER_MS ? today : today - 1;
  const first = Math.max(EURO_FIRST_DAY, today - options.historyDays + 1 - LEAD_DAYS);
  const days: number[] = [];
  for (let day = EURO_FIRST_DAY; day <= last; day++) if (isPublishingDay(day)) days.push(day);
  const byDay = new Map<number, DayRate[]>();
  for (const c of CURRENCIES) {
    const rng = rngFor(options.seed, 'reference-rates', c.code);
    let x = 0;
    for (const day of days) {
      const u1 = 1 - rng.next();
      const u2 = rng.next();
      x = x * (1 - PULL_BACK) + c.dailyMove * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
      if (day < first) continue;
      const list = byDay.get(day) ?? [];
      list.push({
        date: isoOf(day),
        currency: c.code,
        perEur: parseDecimal((c.level * Math.exp(x)).toFixed(c.decimals))!,
        source: SIMULATED_RATES_SOURCE,
      });
      byDay.set(day, list);
    }
  }
  return [...byDay.values()].flat();
}

/** The series in the ECB's XML layout, under a sender that says it is finagg's simulation. */
export function simulatedReferenceRatesXml(options: SimulatedRatesOptions): string {
  return writeEcbXml(simulatedReferenceRates(options), SIMULATED_RATES_SENDER);
}

/** A weekday that is not a TARGET closing day (1 January, Good Friday, Easter Monday, 1 May, 25 and 26 December). */
export function isPublishingDay(day: number): boolean {
  const weekday = (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday
  if (weekday === 0 || weekday === 6) return false;
  const { year, month, day: dom } = civilFromDay(day);
  if ((month === 1 && dom === 1) || (month === 5 && dom === 1) || (month === 12 && (dom === 25 || dom === 26))) return false;
  // TARGET closes on Good Friday and Easter Monday.
  const sunday = easter(year);
  return day !== sunday - 2 && day !== sunday + 1;
}

function isoOf(day: number): string {
  const { year, month, day: dom } = civilFromDay(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(dom).padStart(2, '0')}`;
}
