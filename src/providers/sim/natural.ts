import { civilFromDay, isoDate } from './calendar';
import type { PlantedType, SimEvent } from './event';
import type { SimCategory } from './merchants';

/**
 * Anomalies the simulation makes without planting them: a rarely used shop first seen
 * months in, two equal coffees a day apart, a bill that happens to jump, a big purchase in
 * a small category, a busy month. A detector that flags one is right, so the ground truth
 * lists them as natural. The rules are those of issue 8, a little looser than a detector
 * needs to be (lower thresholds, wider intervals), so that a reasonable detector's true
 * finding is never counted as a false alarm.
 */

/** One transaction of an account as the ground truth sees it at a moment. */
export interface TruthRow {
  event: SimEvent;
  day: number;
  /** Signed cents: posted amount once posted, else the pending one. */
  cents: number;
  posted: boolean;
}

/** An anomaly in the rows, natural or (in planted.ts) planted. */
export interface Finding {
  type: PlantedType;
  /** The transaction a detector flags. */
  row: TruthRow;
  /** What makes it one: the earlier equal charge, the charge before the increase. */
  related: TruthRow[];
  /** category_spike: the month, `YYYY-MM`. */
  period?: string;
}

/** Money that moves rather than gets spent: never a spending anomaly (as in the detectors). */
const NOT_SPENDING: ReadonlySet<SimCategory> = new Set(['income', 'transfer']);
/** new_merchant: the detectors wait 30 days of history; two days earlier to be safe. */
const NEW_MERCHANT_AFTER_DAYS = 28;
/** duplicate_charge: within two dates (48 hours), unless the amount is a habit there. */
const DUPLICATE_DAYS = 2;
const HABIT_COUNT = 3;
/** unusual_amount: 90 days of samples, robust score and ratio to the typical amount. */
const UNUSUAL_DAYS = 90;
const MIN_MERCHANT_SAMPLES = 5;
const MIN_CATEGORY_SAMPLES = 8;
const UNUSUAL_SCORE = 4;
const UNUSUAL_RATIO = 2;
/** price_increase: three earlier charges at a steady interval, within 5% of each other. */
const CADENCES = [
  { days: 7, tolerance: 2 },
  { days: 30.4, tolerance: 5 },
  { days: 365, tolerance: 10 },
];
const STEADY = 0.05;
/** category_spike: a month against the median of the six before (at least three with spend). */
const BASELINE_MONTHS = 6;
const MIN_BASELINE_MONTHS = 3;
const MIN_USUAL_CENTS = 2500;
const SPIKE_RATIO = 2;
const SPIKE_EXCESS_CENTS = 5000;

export function isSpending(row: TruthRow): boolean {
  return row.cents < 0 && !NOT_SPENDING.has(row.event.category);
}

/** `YYYY-MM` of a day. */
export function periodOf(day: number): string {
  return isoDate(civilFromDay(day)).slice(0, 7);
}

/**
 * Natural anomalies among the rows of one account (visible at the moment, in bank order);
 * category spikes are the household's (householdSpikes).
 */
export function naturalFindings(rows: readonly TruthRow[], firstDay: number): Finding[] {
  const spent = rows.filter((r) => r.posted && isSpending(r));
  const byMerchant = groupBy(spent, (r) => r.event.merchant);
  const byCategory = groupBy(spent, (r) => r.event.category);
  const at = new Map<TruthRow, { merchant: number; category: number }>();
  for (const list of byMerchant.values()) list.forEach((r, i) => at.set(r, { merchant: i, category: -1 }));
  for (const list of byCategory.values()) list.forEach((r, i) => ((at.get(r) as { category: number }).category = i));
  return [
    ...newMerchants(rows, firstDay),
    ...[...byMerchant.values()].flatMap(duplicates),
    ...spent.flatMap((t) => {
      const { merchant, category } = at.get(t) as { merchant: number; category: number };
      return unusual(t, before(byMerchant.get(t.event.merchant) ?? [], merchant), () =>
        before(byCategory.get(t.event.category) ?? [], category),
      );
    }),
    ...[...byMerchant.values()].flatMap(priceIncreases),
  ];
}

/**
 * Category spikes of the household: the rows of every account of one currency, in day
 * order, as the detector judges a category's month (all of the person's accounts of it).
 */
export function householdSpikes(rows: readonly TruthRow[]): Finding[] {
  const spent = rows.filter((r) => r.posted && isSpending(r));
  return [...groupBy(spent, (r) => r.event.category).values()].flatMap(spikes);
}

function groupBy(rows: readonly TruthRow[], key: (r: TruthRow) => string): Map<string, TruthRow[]> {
  const groups = new Map<string, TruthRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return groups;
}

/** The first transaction with each merchant, once the account has a month of history. */
function newMerchants(rows: readonly TruthRow[], firstDay: number): Finding[] {
  const seen = new Set<string>();
  const found: Finding[] = [];
  for (const r of rows) {
    if (seen.has(r.event.merchant)) continue;
    seen.add(r.event.merchant);
    // As the detector: an ATM is no merchant.
    if (r.posted && isSpending(r) && r.event.category !== 'cash' && r.day >= firstDay + NEW_MERCHANT_AFTER_DAYS)
      found.push({ type: 'new_merchant', row: r, related: [] });
  }
  return found;
}

/** The same amount at the same merchant within two dates, where that amount is not a habit. */
function duplicates(group: readonly TruthRow[]): Finding[] {
  const found: Finding[] = [];
  group.forEach((t, i) => {
    let first: TruthRow | undefined;
    for (let j = i - 1; j >= 0 && (group[j] as TruthRow).day >= t.day - DUPLICATE_DAYS; j--) {
      if ((group[j] as TruthRow).cents === t.cents) first = group[j];
    }
    if (!first) return;
    const start = group.indexOf(first);
    let habit = 0;
    for (let j = start - 1; j >= 0 && (group[j] as TruthRow).day >= first.day - UNUSUAL_DAYS; j--) {
      if ((group[j] as TruthRow).cents === t.cents) habit++;
    }
    if (habit < HABIT_COUNT) found.push({ type: 'duplicate_charge', row: t, related: [first] });
  });
  return found;
}

/** The sizes of the rows in the 90 days before `list[index]` (same day: earlier in bank order), ascending. */
function before(list: readonly TruthRow[], index: number): number[] {
  const from = (list[index] as TruthRow).day - UNUSUAL_DAYS;
  const out: number[] = [];
  for (let i = index - 1; i >= 0 && (list[i] as TruthRow).day >= from; i--) out.push(-(list[i] as TruthRow).cents);
  return out.sort((a, b) => a - b);
}

function median(ascending: readonly number[]): number {
  const mid = (ascending.length - 1) / 2;
  return ((ascending[Math.floor(mid)] ?? 0) + (ascending[Math.ceil(mid)] ?? 0)) / 2;
}

/** Far above the merchant's usual amounts, or the category's where the merchant has too few. */
function unusual(t: TruthRow, merchantSamples: number[], categorySamples: () => number[]): Finding[] {
  const size = -t.cents;
  // What the merchant has charged before is not unusual there, however few the samples:
  // a monthly plan dearer than the category's other plans is the same plan again.
  if (size <= (merchantSamples[merchantSamples.length - 1] ?? 0)) return [];
  const samples = merchantSamples.length >= MIN_MERCHANT_SAMPLES ? merchantSamples : categorySamples();
  if (samples.length < (samples === merchantSamples ? MIN_MERCHANT_SAMPLES : MIN_CATEGORY_SAMPLES)) return [];
  const typical = median(samples);
  const mad = median(samples.map((v) => Math.abs(v - typical)).sort((a, b) => a - b));
  const spread = Math.max(1.4826 * mad, 0.1 * typical, 100);
  return (size - typical) / spread >= UNUSUAL_SCORE && size >= UNUSUAL_RATIO * typical
    ? [{ type: 'unusual_amount', row: t, related: [] }]
    : [];
}

/** A charge above three steady ones at a steady interval, by more than 5% and a dollar. */
function priceIncreases(group: readonly TruthRow[]): Finding[] {
  const found: Finding[] = [];
  for (let i = 3; i < group.length; i++) {
    const series = group.slice(i - 3, i + 1);
    const gaps = series.slice(1).map((r, k) => r.day - (series[k] as TruthRow).day);
    if (!CADENCES.some((c) => gaps.every((g) => Math.abs(g - c.days) <= c.tolerance))) continue;
    const sizes = series.slice(0, 3).map((r) => -r.cents);
    if (Math.max(...sizes) > Math.min(...sizes) * (1 + STEADY)) continue;
    const last = sizes[2] as number;
    const now = -(group[i] as TruthRow).cents;
    if (now > last * 1.05 && now - last > 100) {
      found.push({ type: 'price_increase', row: group[i] as TruthRow, related: [series[2] as TruthRow] });
    }
  }
  return found;
}

/** Months of a category far above the median of the six before; flagged where it crosses the line. */
function spikes(group: readonly TruthRow[]): Finding[] {
  const byMonth = groupBy(group, (r) => periodOf(r.day));
  const spend = (period: string) => -(byMonth.get(period) ?? []).reduce((s, r) => s + r.cents, 0);
  const found: Finding[] = [];
  for (const [period, rows] of byMonth) {
    const baseline = previousPeriods(period, BASELINE_MONTHS)
      .map(spend)
      .filter((v) => v > 0)
      .sort((a, b) => a - b);
    if (baseline.length < MIN_BASELINE_MONTHS) continue;
    const usual = median(baseline);
    const line = Math.max(usual * SPIKE_RATIO, usual + SPIKE_EXCESS_CENTS);
    if (usual < MIN_USUAL_CENTS || spend(period) < line) continue;
    let total = 0;
    const crossing = rows.find((r) => (total -= r.cents) >= line) as TruthRow;
    found.push({ type: 'category_spike', row: crossing, related: [], period });
  }
  return found;
}

/** The `count` months before `period` (`YYYY-MM`), newest first. */
export function previousPeriods(period: string, count: number): string[] {
  let year = Number(period.slice(0, 4));
  let month = Number(period.slice(5, 7));
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    month--;
    if (month === 0) {
      month = 12;
      year--;
    }
    out.push(`${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`);
  }
  return out;
}
