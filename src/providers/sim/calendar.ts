/**
 * Day numbers in a bank's calendar: whole days since 1970-01-01 in the bank's fixed UTC
 * offset. All arithmetic, no Date objects, because it runs once per generated day.
 */
export const DAY_MS = 86_400_000;

/** The bank-local day number of a moment. */
export function dayOf(ms: number, utcOffsetMinutes: number): number {
  return Math.floor((ms + utcOffsetMinutes * 60_000) / DAY_MS);
}

/** The moment a bank-local day starts (local midnight). */
export function dayStartMs(day: number, utcOffsetMinutes: number): number {
  return day * DAY_MS - utcOffsetMinutes * 60_000;
}

export interface CivilDate {
  year: number;
  /** 1..12 */
  month: number;
  /** 1..31 */
  day: number;
}

/** Howard Hinnant's days_from_civil inverse: day number to proleptic Gregorian date. */
export function civilFromDay(dayNumber: number): CivilDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function dayFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` to a day number; undefined when the text is not a real date. */
export function dayFromIso(text: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const n = dayFromCivil(y, mo, d);
  const back = civilFromDay(n);
  return back.year === y && back.month === mo && back.day === d ? n : undefined;
}

export function daysInMonth(year: number, month: number): number {
  return dayFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayFromCivil(year, month, 1);
}

/** Months since 1970-01, a key for monthly streams (rent, card payments). */
export function monthIndex(date: CivilDate): number {
  return (date.year - 1970) * 12 + date.month - 1;
}

/** 0 = Sunday. */
export function weekday(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad4 = (n: number) => `${n}`.padStart(4, '0');

export function isoDate(d: CivilDate): string {
  return `${pad4(d.year)}-${pad2(d.month)}-${pad2(d.day)}`;
}

/** `MM/DD/YYYY`, as US banks write dates. */
export function usDate(d: CivilDate): string {
  return `${pad2(d.month)}/${pad2(d.day)}/${pad4(d.year)}`;
}

/** `DD.MM.YYYY`, as German banks write dates. */
export function euDate(d: CivilDate): string {
  return `${pad2(d.day)}.${pad2(d.month)}.${pad4(d.year)}`;
}

/** `HH:MM:SS` of a moment in the bank's local time. */
export function localTime(ms: number, utcOffsetMinutes: number): string {
  const local = ms + utcOffsetMinutes * 60_000;
  const secondOfDay = Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 1000);
  const h = Math.floor(secondOfDay / 3600);
  const m = Math.floor((secondOfDay % 3600) / 60);
  return `${pad2(h)}:${pad2(m)}:${pad2(secondOfDay % 60)}`;
}

/** `-05:00` for -300. */
export function offsetText(utcOffsetMinutes: number): string {
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  return `${sign}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}
