import { SIM_BANK_IDS, type SimBankId } from './banks';
import type { SimAccount } from './accounts';
import { civilFromDay, dayFromIso, daysInMonth, isoDate, monthIndex } from './calendar';
import { stateAt, type PlantedType } from './event';
import type { SimCategory } from './merchants';
import { householdSpikes, isSpending, naturalFindings, periodOf, type Finding, type TruthRow } from './natural';
import { SimWorld } from './world';

/**
 * The ground truth of anomaly detection over a simulated bank, for tests only (like
 * cases.ts): every planted anomaly (plant-plan.ts, price-raises.ts) and every natural one
 * (natural.ts) among the transactions posted in the bank's window at `nowMs`.
 */

export interface PlantedOptions {
  seed: number;
  /** FINAGG_SIM_HISTORY_DAYS and FINAGG_SIM_DAILY, as the banks were run with. */
  historyDays: number;
  daily: number;
  nowMs: number;
  bank: SimBankId;
}

/** A posted transaction as stored in `transactions` after a sync (date, amount_cents, description). */
export interface TxnRef {
  /** Posted row's date, `YYYY-MM-DD` (the day of the authorization, as all three banks report it). */
  date: string;
  /** Signed posted cents; negative is money out. */
  amountCents: number;
  description: string;
}

export interface PlantedAnomaly extends TxnRef {
  type: PlantedType;
  /** The bank's own account id, as stored in accounts.provider_account_id. */
  bankAccountRef: string;
  /** Who was paid, by its clean name (the bank may send the legal name; finagg may store another). */
  merchant: string;
  /**
   * The simulation's category of the transaction, in finagg's category names; finagg files
   * it there too, except that a planted new shop may stay uncategorized.
   */
  category: SimCategory;
  /**
   * Not planted as this type: the ordinary simulation made it (a rare shop first seen
   * months in, two equal coffees), or another planted anomaly did (a huge purchase that
   * also makes its category's month spike). A detector that flags it is right; recall is
   * for the planted ones.
   */
  natural: boolean;
  /**
   * The data at `nowMs` cannot show it yet: it lies in the window's first 45 days, a price
   * increase has fewer than three earlier charges in the window, a spike fewer than three
   * earlier months, or a planted spike's month still has purchases to come. Leave these
   * out of recall; a detector that flags one is still right. (Planting goes by the
   * calendar, not by the window, since a day is the same whatever the clock says; so the
   * start of a window can hold planted anomalies.)
   */
  tooEarly: boolean;
  /**
   * category_spike: the month, `YYYY-MM`. A spike is the household's (every account of the
   * currency together), so match spikes by currency, period and category; the transaction
   * above is the month's last planted purchase, or for a natural spike the one that carried
   * the household's month over the line (whichever account's).
   */
  period?: string;
  /**
   * What makes it one: duplicate_charge, the first of the two charges; price_increase, the
   * last charge at the old price; category_spike (planted), every planted purchase of the month.
   */
  related: TxnRef[];
}

/** Days at the start of a window without a baseline. */
export const BASELINE_DAYS = 45;
const MIN_PRIOR_CHARGES = 3;
const MIN_BASELINE_MONTHS = 3;

const ref = (row: TruthRow): TxnRef => ({
  date: isoDate(civilFromDay(row.day)),
  amountCents: row.cents,
  description: row.event.descriptor,
});

/** Every anomaly of the bank's accounts at `nowMs`, planted and natural, by account and date. */
export function plantedAnomalies(options: PlantedOptions): PlantedAnomaly[] {
  const household = householdRows(options);
  const spikes = naturalSpikes(household);
  const out: PlantedAnomaly[] = [];
  for (const { world, account, rows, firstDay } of household) {
    if (account.bank !== options.bank) continue;
    const planted = plantedFindings(rows);
    const taken = new Set(planted.map(identity));
    const natural = [
      ...naturalFindings(rows, firstDay).filter((f) => !taken.has(identity(f))),
      ...(spikes.get(account.key) ?? []),
    ];
    const item = (f: Finding, isNatural: boolean): PlantedAnomaly => ({
      type: f.type,
      bankAccountRef: account.providerAccountId,
      ...ref(f.row),
      merchant: f.row.event.merchant,
      category: f.row.event.category,
      natural: isNatural,
      tooEarly: tooEarly(f, rows, firstDay) || (!isNatural && f.type === 'category_spike' && !complete(world, account, f)),
      ...(f.period === undefined ? {} : { period: f.period }),
      related: f.related.map(ref),
    });
    const items = [...planted.map((f) => item(f, false)), ...natural.map((f) => item(f, true))];
    items.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
    out.push(...items);
  }
  return out;
}

interface AccountRows {
  world: SimWorld;
  account: SimAccount;
  rows: TruthRow[];
  firstDay: number;
}

/** The rows every account of the household shows at `nowMs`, each in its bank's window. */
function householdRows(options: PlantedOptions): AccountRows[] {
  return SIM_BANK_IDS.flatMap((bank) => {
    const world = new SimWorld(bank, options.seed, { historyDays: options.historyDays, daily: options.daily });
    const { firstDay, today } = world.window(options.nowMs);
    return world.accounts.map((account) => {
      const rows: TruthRow[] = [];
      world.scan(account, firstDay, today, (event) => {
        const state = stateAt(event, options.nowMs);
        if (state === 'pending' || state === 'posted') {
          const posted = state === 'posted';
          rows.push({ event, day: event.day, cents: posted ? event.postedCents : event.amountCents, posted });
        }
      });
      return { world, account, rows, firstDay };
    });
  });
}

/**
 * The natural category spikes, by the account of the row that carried the month over:
 * a detector judges a category's month on every account of one currency together, so
 * the truth does too. A month and category with a planted spike on any of them is that
 * planted one.
 */
function naturalSpikes(household: readonly AccountRows[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const currency of new Set(household.map((a) => a.account.currency))) {
    const accounts = household.filter((a) => a.account.currency === currency);
    const planted = new Set(
      accounts.flatMap((a) =>
        plantedFindings(a.rows)
          .filter((f) => f.type === 'category_spike')
          .map((f) => `${f.period}|${f.row.event.category}`),
      ),
    );
    const rows = accounts.flatMap((a) => a.rows).sort((a, b) => a.day - b.day);
    for (const f of householdSpikes(rows)) {
      if (planted.has(`${f.period}|${f.row.event.category}`)) continue;
      const key = f.row.event.account.key;
      out.set(key, [...(out.get(key) ?? []), f]);
    }
  }
  return out;
}

/** One finding per transaction and type, and per month and category for spikes. */
function identity(f: Finding): string {
  return f.type === 'category_spike' ? `${f.type}|${f.period}|${f.row.event.category}` : `${f.type}|${f.row.event.id}`;
}

/** The planted anomalies among the rows: posted ones only, as the stored rows a detector reads. */
function plantedFindings(rows: readonly TruthRow[]): Finding[] {
  const found: Finding[] = [];
  const spikes = new Map<string, TruthRow[]>();
  rows.forEach((row, i) => {
    const tag = row.event.planted;
    if (!tag || !row.posted) return;
    if (tag.type === 'category_spike') {
      const key = `${periodOf(row.day)}|${row.event.category}`;
      spikes.set(key, [...(spikes.get(key) ?? []), row]);
    } else if (tag.role === 'anomaly') {
      const earlier = rows.slice(0, i).reverse();
      if (tag.type === 'duplicate_charge') {
        const first = earlier.find(
          (r) => r.event.planted?.type === 'duplicate_charge' && r.event.merchant === row.event.merchant && r.cents === row.cents,
        );
        // Until the first charge has posted too, the stored rows hold no duplicate yet.
        if (first?.posted) found.push({ type: tag.type, row, related: [first] });
      } else {
        const previous =
          tag.type === 'price_increase' ? earlier.find((r) => r.event.recurring === row.event.recurring) : undefined;
        found.push({ type: tag.type, row, related: previous ? [previous] : [] });
      }
    }
  });
  for (const [key, parts] of spikes) {
    found.push({ type: 'category_spike', row: parts[parts.length - 1] as TruthRow, related: parts, period: key.slice(0, 7) });
  }
  return found;
}

function tooEarly(f: Finding, rows: readonly TruthRow[], firstDay: number): boolean {
  if (f.row.day < firstDay + BASELINE_DAYS) return true;
  if (f.type === 'price_increase') {
    const prior = rows.filter((r) => r.posted && r.day < f.row.day && r.event.merchant === f.row.event.merchant && isSpending(r));
    return prior.length < MIN_PRIOR_CHARGES;
  }
  if (f.type === 'category_spike') {
    return monthIndex(civilFromDay(f.row.day)) - monthIndex(civilFromDay(firstDay)) < MIN_BASELINE_MONTHS;
  }
  return false;
}

/** Whether every planted purchase of a spike's month has posted (the month may still be running). */
function complete(world: SimWorld, account: SimAccount, f: Finding): boolean {
  const first = dayFromIso(`${f.period}-01`) as number;
  const { year, month } = civilFromDay(first);
  let planted = 0;
  world.scan(account, first, first + daysInMonth(year, month) - 1, (e) => {
    if (e.planted?.type === 'category_spike' && e.category === f.row.event.category) planted++;
  });
  return planted === f.related.length;
}
