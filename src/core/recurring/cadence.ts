import { daysBetween } from '../dates';

/**
 * How often a stream comes: the cadences of CLI.md's Stream, each with the gaps (in days)
 * between two occurrences that it allows. Real dates move: payroll and autopay leave
 * weekends and bank holidays (a monthly bill on the 31st comes on the 28th to the 2nd),
 * so each range is wide enough for a move of three days at both ends.
 */
export type Cadence = 'weekly' | 'biweekly' | 'semimonthly' | 'monthly' | 'quarterly' | 'annually';

export interface CadenceSpec {
  cadence: Cadence;
  /** The usual gap, in days. */
  days: number;
  /** The gaps that count as one period. */
  min: number;
  max: number;
}

export const CADENCES: readonly CadenceSpec[] = [
  { cadence: 'weekly', days: 7, min: 5, max: 9 },
  { cadence: 'biweekly', days: 14, min: 11, max: 17 },
  // The 15th and the month's last business day: gaps of 12 to 19 days.
  { cadence: 'semimonthly', days: 15.2, min: 10, max: 20 },
  { cadence: 'monthly', days: 30.4, min: 25, max: 36 },
  { cadence: 'quarterly', days: 91.3, min: 80, max: 102 },
  { cadence: 'annually', days: 365.2, min: 350, max: 381 },
];

export { daysBetween };

export const cadenceSpec = (cadence: Cadence): CadenceSpec => CADENCES.find((c) => c.cadence === cadence)!;

/**
 * How well the gaps fit a cadence: the share of gaps that are one period, or a whole
 * number of periods (a skipped month), ignoring a second charge within three days (a
 * doubled month). Returns the share and how many periods were skipped.
 */
export function fitGaps(gaps: readonly number[], spec: CadenceSpec): { share: number; skipped: number } {
  let fits = 0;
  let counted = 0;
  let skipped = 0;
  for (const gap of gaps) {
    if (gap <= 3 && spec.days > 7) continue; // a doubled charge: neither for nor against
    counted++;
    if (gap >= spec.min && gap <= spec.max) {
      fits++;
      continue;
    }
    const periods = Math.round(gap / spec.days);
    if (periods >= 2 && periods <= 3 && Math.abs(gap - periods * spec.days) <= (spec.max - spec.min) / 2 + 2) {
      fits++;
      skipped += periods - 1;
    }
  }
  return { share: counted === 0 ? 0 : fits / counted, skipped };
}

/**
 * Whether dates are two a month at two days of the month (the 1st and the 15th, the 15th
 * and the last business day), which biweekly dates are not: they drift through the month.
 */
export function isSemimonthly(dates: readonly string[]): boolean {
  if (dates.length < 4) return false;
  const months = new Map<string, number>();
  for (const d of dates) months.set(d.slice(0, 7), (months.get(d.slice(0, 7)) ?? 0) + 1);
  const counts = [...months.values()];
  // The first and last month may be partial.
  const inner = counts.slice(1, -1);
  if (inner.length === 0 || inner.filter((n) => n === 2).length < inner.length * 0.8) return false;
  // Biweekly dates fall three times in some months: ~2 months a year.
  return !counts.some((n) => n >= 3);
}
