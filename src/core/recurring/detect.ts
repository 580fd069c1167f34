import { CADENCES, type Cadence, cadenceSpec, daysBetween, fitGaps, isSemimonthly } from './cadence';
import { daysInMonth, weekday } from '../dates';
import { predictNext } from './next-date';
import { merchantKey, transferKey } from './payee-key';

/**
 * Recurring streams found in a history alone: pay, bills, subscriptions and the regular
 * moves between own accounts. Pure: rows in, streams out.
 *
 * Rows are grouped by account, direction and who is paid (the merchant without store
 * numbers and reference codes, or for a paired transfer the other account). A group
 * whose dates keep one cadence is a stream; a group that does not (a shop visited now
 * and then, with a monthly membership among its purchases) is split by amount and each
 * part tried again. A gap of several periods ends a stream and a later run starts a new
 * one (a subscription cancelled and taken up again).
 */
export interface RecurringRow {
  id: number;
  accountId: number;
  date: string;
  amountCents: number;
  currency: string;
  merchant: string | null;
  description: string;
  /** Its top-level category (`streaming` is `subscriptions`). */
  category: string;
  /** The other account of a paired transfer. */
  transferAccountId: number | null;
}

export type StreamKind = 'income' | 'bill' | 'subscription' | 'transfer';
export type StreamStatus = 'early' | 'mature' | 'ended';

export interface DetectedStream {
  /** Stable across runs while the stream goes on: account, direction, payee, cadence, first date. */
  key: string;
  accountId: number;
  merchant: string;
  kind: StreamKind;
  cadence: Cadence;
  currency: string;
  /** Median of the recent amounts, and their range (a utility bill varies). */
  amountCents: number;
  amountMinCents: number;
  amountMaxCents: number;
  firstDate: string;
  lastDate: string;
  lastAmountCents: number;
  nextDate: string;
  status: StreamStatus;
  transactionIds: number[];
  /** The latest step up of a steady charge's price, if it had one. */
  priceChange: PriceChange | null;
}

/** A steady charge that went up and stayed there: the price_increase anomaly of that row says the same. */
export interface PriceChange {
  fromCents: number;
  toCents: number;
  date: string;
  transactionId: number;
}

/** Occurrences before a stream counts as mature (Plaid's EARLY_DETECTION before it). */
const MATURE_AFTER = 3;
/** Two occurrences are a guess; three make a stream (two for a yearly charge). */
const MIN_OCCURRENCES = 3;
/** Occurrences a stream of each cadence needs (one more when picked out of a shop's purchases). */
const MIN_BY_CADENCE: Readonly<Record<Cadence, number>> = {
  weekly: 6,
  biweekly: 4,
  semimonthly: 6,
  monthly: 3,
  quarterly: 3,
  annually: 2,
};
/** Dates that keep the cadence, of all gaps. */
const MIN_FIT = 0.75;
/** Amounts recent enough to say what the stream usually costs. */
const RECENT = 6;
/** A stream whose next occurrence is this many periods overdue has ended. */
const ENDED_AFTER_PERIODS = 2;

/** Who is paid: the other account of a paired transfer, else the merchant's key (payee-key.ts). */
export function payeeKey(row: Pick<RecurringRow, 'merchant' | 'description' | 'transferAccountId'>): string {
  return row.transferAccountId !== null ? transferKey(row.transferAccountId) : merchantKey(row.merchant, row.description);
}

export function detectStreams(rows: readonly RecurringRow[], today: string): DetectedStream[] {
  const groups = new Map<string, RecurringRow[]>();
  for (const r of rows) {
    if (r.amountCents === 0) continue;
    // A regular move between own accounts is one stream whichever way it goes (a sweep
    // that takes money back after a lean month); anything else is split by direction.
    const direction = r.transferAccountId !== null ? 'both' : r.amountCents > 0 ? 'in' : 'out';
    const key = `${r.accountId}|${direction}|${r.currency}|${payeeKey(r)}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  const streams: DetectedStream[] = [];
  for (const group of groups.values()) {
    if (group.length < MIN_OCCURRENCES - 1) continue;
    group.sort((a, b) => a.date.localeCompare(b.date) || a.id - b.id);
    streams.push(...streamsOf(group, today));
  }
  return streams.sort((a, b) => a.accountId - b.accountId || a.nextDate.localeCompare(b.nextDate) || a.key.localeCompare(b.key));
}

/** The streams in one payee's rows: the whole group if it keeps a cadence, else its amount bands. */
function streamsOf(group: readonly RecurringRow[], today: string): DetectedStream[] {
  const whole = runsOf(group).flatMap((run) => {
    const s = asStream(run, today, false);
    return s ? [s] : [];
  });
  const covered = whole.reduce((n, s) => n + s.transactionIds.length, 0);
  if (covered >= group.length * 0.8) return whole;
  // Purchases among the charges: try each band of similar amounts on its own.
  const out: DetectedStream[] = [];
  for (const band of amountBands(group)) {
    if (band.length < MIN_OCCURRENCES - 1) continue;
    for (const run of runsOf(band)) {
      // Picked out of a shop's purchases by its amount: only a steady price is a charge.
      const s = asStream(run, today, true);
      if (s) out.push(s);
    }
  }
  return out.length > 0 ? out : whole;
}

/** Rows cut where a gap is far longer than the rows' usual gap: a stream that stopped, and a later one. */
function runsOf(rows: readonly RecurringRow[]): RecurringRow[][] {
  if (rows.length < 3) return [rows.slice()];
  const gaps = rows.slice(1).map((r, i) => daysBetween(rows[i]!.date, r.date));
  const usual = median(gaps.filter((g) => g > 3));
  const runs: RecurringRow[][] = [[rows[0]!]];
  rows.slice(1).forEach((r, i) => {
    if (usual > 0 && gaps[i]! > Math.max(usual * 3.5, usual + 45)) runs.push([]);
    runs[runs.length - 1]!.push(r);
  });
  return runs;
}

/** Rows in bands of similar amounts (within a quarter of each other), largest band first. */
function amountBands(rows: readonly RecurringRow[]): RecurringRow[][] {
  const sorted = [...rows].sort((a, b) => Math.abs(a.amountCents) - Math.abs(b.amountCents));
  const bands: RecurringRow[][] = [];
  for (const r of sorted) {
    const band = bands[bands.length - 1];
    const low = band ? Math.abs(band[0]!.amountCents) : 0;
    if (band && Math.abs(r.amountCents) <= low * 1.25 + 100) band.push(r);
    else bands.push([r]);
  }
  return bands.map((b) => b.sort((x, y) => x.date.localeCompare(y.date) || x.id - y.id)).sort((a, b) => b.length - a.length);
}

/**
 * The rows as one stream, when their dates keep a cadence closely (the same day of the
 * month or weekday, give or take a move off a weekend or holiday). Amounts that vary
 * (a utility, a card's statement) need more evidence than a steady price: four
 * occurrences, never a yearly guess from two.
 */
function asStream(rows: readonly RecurringRow[], today: string, steadyOnly: boolean): DetectedStream | undefined {
  const cadence = cadenceOf(rows);
  if (!cadence) return undefined;
  // A year's price rise is larger than a month's: a yearly bill may move by a tenth. A
  // charge picked out of a shop's purchases must keep its price closely, whatever its cadence.
  const amounts = rows.map((r) => r.amountCents);
  const steady = isSteady(amounts, !steadyOnly && (cadence === 'annually' || cadence === 'quarterly') ? 0.1 : 0.02);
  if (steadyOnly && !steady) return undefined;
  const paired = rows.some((r) => r.transferAccountId !== null);
  // Fast cadences need the dates of two months or so before they are a stream, not a streak.
  if (rows.length < MIN_BY_CADENCE[cadence] + (steadyOnly ? 1 : 0)) return undefined;
  if (!steady && !paired && (rows.length < 4 || cadence === 'annually')) return undefined;
  // A charge of changing size twice a month or more is a habit (the cinema, a takeaway),
  // not a bill; pay of changing size (hours, tips) is still pay.
  const fast = cadence === 'weekly' || cadence === 'biweekly' || cadence === 'semimonthly';
  if (!steady && !paired && fast && rows[rows.length - 1]!.amountCents < 0) return undefined;
  if (
    !keepsItsDay(
      rows.map((r) => r.date),
      cadence,
    )
  )
    return undefined;
  const first = rows[0]!;
  const last = rows[rows.length - 1]!;
  const priceChange = kindOf(rows) === 'transfer' || !steady ? null : priceStep(rows);
  // After a price rise the usual amount is the new price, not a mix of both.
  const since = priceChange ? rows.findIndex((r) => r.id === priceChange.transactionId) : 0;
  const recent = rows
    .slice(since)
    .slice(-RECENT)
    .map((r) => r.amountCents);
  const amount = median(recent);
  const nextDate = predictNext(
    rows.map((r) => r.date),
    cadence,
  );
  const status = streamStatus(nextDate, cadence, rows.length, today);
  return {
    key: `${first.accountId}|${first.amountCents > 0 ? 'in' : 'out'}|${payeeKey(first)}|${cadence}|${first.date}`,
    accountId: first.accountId,
    merchant: first.transferAccountId !== null ? (first.merchant ?? first.description) : (last.merchant ?? last.description),
    kind: kindOf(rows),
    cadence,
    currency: first.currency,
    amountCents: amount,
    amountMinCents: Math.min(...recent),
    amountMaxCents: Math.max(...recent),
    firstDate: first.date,
    lastDate: last.date,
    lastAmountCents: last.amountCents,
    nextDate,
    status,
    transactionIds: rows.map((r) => r.id),
    priceChange,
  };
}

/**
 * Whether a stream goes on on `today`: one whose next occurrence is some periods overdue
 * has ended; one seen often enough is mature (Plaid's EARLY_DETECTION before it). Only
 * this moves with the day, so streams whose rows did not change are re-dated with it alone.
 */
export function streamStatus(nextDate: string, cadence: Cadence, occurrences: number, today: string): StreamStatus {
  const spec = cadenceSpec(cadence);
  const overdue = daysBetween(nextDate, today);
  if (overdue > spec.days * (ENDED_AFTER_PERIODS - 1) + Math.max(7, spec.days / 4)) return 'ended';
  return occurrences >= MATURE_AFTER ? 'mature' : 'early';
}

/**
 * The group a stream was found in (account and payee), from its key: the unit a sync's
 * changed rows make detection look at again.
 */
export function streamGroup(key: string): string {
  const [account, , payee] = key.split('|');
  return `${account}|${payee}`;
}

/** The group of a row: its account and payee (payee-key.ts). */
export function rowGroup(row: Pick<RecurringRow, 'accountId' | 'merchant' | 'description' | 'transferAccountId'>): string {
  return `${row.accountId}|${payeeKey(row)}`;
}

/**
 * The latest step up of a price that held: a charge more than 5% and a dollar above the
 * one before, kept (within 2%) by every charge since, after three at the old price (what
 * the price_increase anomaly asks for too, so the two agree).
 */
function priceStep(rows: readonly RecurringRow[]): PriceChange | null {
  const sizes = rows.map((r) => Math.abs(r.amountCents));
  const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(2, Math.max(a, b) * 0.02);
  for (let i = sizes.length - 1; i >= 3; i--) {
    if (!sizes.slice(i + 1).every((v) => close(v, sizes[i]!))) return null;
    const [before, now] = [sizes[i - 1]!, sizes[i]!];
    if (now > before * 1.05 && now - before > 100 && close(sizes[i - 2]!, before) && close(sizes[i - 3]!, before)) {
      return {
        fromCents: rows[i - 1]!.amountCents,
        toCents: rows[i]!.amountCents,
        date: rows[i]!.date,
        transactionId: rows[i]!.id,
      };
    }
  }
  return null;
}

/** The cadence the dates keep, if any: the one whose period the usual gap falls in, if most gaps fit it. */
function cadenceOf(rows: readonly RecurringRow[]): Cadence | undefined {
  const dates = rows.map((r) => r.date);
  const gaps = dates.slice(1).map((d, i) => daysBetween(dates[i]!, d));
  const usual = median(gaps.filter((g) => g > 3));
  const yearly = usual >= 350;
  if (rows.length < (yearly ? 2 : MIN_OCCURRENCES)) return undefined;
  if (isSemimonthly(dates) && fitGaps(gaps, cadenceSpec('semimonthly')).share >= MIN_FIT) return 'semimonthly';
  for (const spec of CADENCES) {
    if (spec.cadence === 'semimonthly' || usual < spec.min || usual > spec.max) continue;
    const fit = fitGaps(gaps, spec);
    // Skipped periods are allowed, not a habit: a stream that misses every other one is no stream.
    if (fit.share >= MIN_FIT && fit.skipped <= Math.max(1, gaps.length / 4)) return spec.cadence;
  }
  return undefined;
}

/** Most consecutive amounts within `tolerance` of each other: a price, not a purchase. */
function isSteady(amounts: readonly number[], tolerance: number): boolean {
  if (amounts.length < 2) return false;
  let same = 0;
  for (let i = 1; i < amounts.length; i++) {
    const a = Math.abs(amounts[i - 1]!);
    const b = Math.abs(amounts[i]!);
    if (Math.abs(a - b) <= Math.max(2, Math.max(a, b) * tolerance)) same++;
  }
  return same >= (amounts.length - 1) * 0.6;
}

/**
 * Whether the dates keep their day: a monthly (quarterly, yearly) stream its day of the
 * month within four days (the month's end counts as one day), a weekly or biweekly one
 * its weekday. Purchases that happen to come about once a month do not.
 */
function keepsItsDay(dates: readonly string[], cadence: Cadence): boolean {
  const share = 0.8;
  if (cadence === 'weekly' || cadence === 'biweekly') {
    const counts = new Map<number, number>();
    for (const d of dates) counts.set(weekday(d), (counts.get(weekday(d)) ?? 0) + 1);
    return Math.max(...counts.values()) >= dates.length * share - 0.5;
  }
  const offsets = dates.map(monthOffset);
  if (cadence === 'semimonthly') {
    const early = offsets.filter((o) => o.day <= 20 && o.fromEnd > 3);
    const late = offsets.filter((o) => !(o.day <= 20 && o.fromEnd > 3));
    return [early, late].every((part) => part.length === 0 || near(part) >= part.length * share - 0.5);
  }
  return near(offsets) >= dates.length * share - 0.5;
}

/** How many of the days lie within four days of their usual day (counted from the month's end when that is closer). */
function near(offsets: readonly { day: number; fromEnd: number }[]): number {
  const byEnd = offsets.filter((o) => o.fromEnd <= 3).length >= offsets.length / 2;
  const values = offsets.map((o) => (byEnd ? -o.fromEnd : o.day));
  const usual = median(values);
  return values.filter((v) => Math.min(Math.abs(v - usual), 31 - Math.abs(v - usual)) <= 4).length;
}

function monthOffset(date: string): { day: number; fromEnd: number } {
  const day = Number(date.slice(8, 10));
  return { day, fromEnd: daysInMonth(date.slice(0, 7)) - day };
}

function kindOf(rows: readonly RecurringRow[]): StreamKind {
  const last = rows[rows.length - 1]!;
  if (rows.some((r) => r.transferAccountId !== null)) return 'transfer';
  if (last.amountCents > 0) return 'income';
  return rows.some((r) => r.category === 'subscriptions') ? 'subscription' : 'bill';
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : Math.round((s[mid - 1]! + s[mid]!) / 2);
}
