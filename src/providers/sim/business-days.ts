import { civilFromDay, dayFromCivil, weekday } from './calendar';

/**
 * Bank holidays, so that pay and bills move off the days banks do not settle, as real
 * payroll and autopay do. Written out here rather than taken from a holiday library:
 * the simulation asks once per generated day, so a year's days are computed once into a
 * set of day numbers, and only two calendars are needed (US Federal Reserve, the
 * euro area's TARGET2).
 */
export type BankCalendar = 'us' | 'eu';

const cache = new Map<string, ReadonlySet<number>>();

/** The n-th (1-based; -1 for the last) given weekday of a month, as a day number. */
function nthWeekday(year: number, month: number, wd: number, n: number): number {
  if (n > 0) {
    const first = dayFromCivil(year, month, 1);
    return first + ((wd - weekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const last = dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - 1;
  return last - ((weekday(last) - wd + 7) % 7);
}

/** A fixed-date federal holiday on a Saturday is observed on the Friday, on a Sunday the Monday. */
function observed(day: number): number {
  const wd = weekday(day);
  return wd === 6 ? day - 1 : wd === 0 ? day + 1 : day;
}

/** Easter Sunday (the anonymous Gregorian algorithm), as a day number. */
export function easter(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return dayFromCivil(year, month, day);
}

function holidays(year: number, calendar: BankCalendar): ReadonlySet<number> {
  const key = `${calendar}${year}`;
  let set = cache.get(key);
  if (set) return set;
  const days =
    calendar === 'us'
      ? [
          observed(dayFromCivil(year, 1, 1)),
          nthWeekday(year, 1, 1, 3), // Martin Luther King Jr. Day
          nthWeekday(year, 2, 1, 3), // Washington's Birthday
          nthWeekday(year, 5, 1, -1), // Memorial Day
          ...(year >= 2021 ? [observed(dayFromCivil(year, 6, 19))] : []), // Juneteenth
          observed(dayFromCivil(year, 7, 4)),
          nthWeekday(year, 9, 1, 1), // Labor Day
          nthWeekday(year, 10, 1, 2), // Columbus Day
          observed(dayFromCivil(year, 11, 11)),
          nthWeekday(year, 11, 4, 4), // Thanksgiving
          observed(dayFromCivil(year, 12, 25)),
        ]
      : [
          dayFromCivil(year, 1, 1),
          easter(year) - 2, // Good Friday
          easter(year) + 1, // Easter Monday
          dayFromCivil(year, 5, 1),
          dayFromCivil(year, 12, 25),
          dayFromCivil(year, 12, 26),
        ];
  set = new Set(days);
  if (cache.size > 256) cache.clear();
  cache.set(key, set);
  return set;
}

export function isBusinessDay(day: number, calendar: BankCalendar): boolean {
  const wd = weekday(day);
  if (wd === 0 || wd === 6) return false;
  const { year } = civilFromDay(day);
  // December 31 may be the observed New Year's Day of the year after.
  return !holidays(year, calendar).has(day) && !holidays(year + 1, calendar).has(day);
}

/** The day itself when banks work on it, else the nearest working day before (or after). */
export function shiftToBusinessDay(day: number, calendar: BankCalendar, direction: -1 | 1): number {
  let d = day;
  while (!isBusinessDay(d, calendar)) d += direction;
  return d;
}
