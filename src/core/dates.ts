/** Calendar dates are `YYYY-MM-DD` strings; these helpers never consult a clock. */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidDate(text: string): boolean {
  // Arithmetic on the digits in place, not a Date: a sync checks every record's date.
  if (!DATE.test(text)) return false;
  const y = digits(text, 0, 4);
  const mo = digits(text, 5, 2);
  const d = digits(text, 8, 2);
  // Years 0 to 99 are not dates here (a Date reads them as 1900 to 1999).
  return y >= 100 && mo >= 1 && mo <= 12 && d >= 1 && d <= monthLength(y, mo);
}

/** The number that the ASCII digits of `text` from `start` make. */
function digits(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) n = n * 10 + text.charCodeAt(i) - 48;
  return n;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days of a month of the proleptic Gregorian calendar (month 1 to 12). */
function monthLength(year: number, month: number): number {
  if (month !== 2) return MONTH_DAYS[month - 1]!;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** The UTC calendar date of a moment. */
export function utcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `date` moved by `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  // Day numbers, not a Date: a first sync's anomaly check moves dates a million times.
  if (Number.isSafeInteger(days) && isValidDate(date)) {
    const moved = civilFromDays(dayNumber(date) + days);
    if (moved !== undefined) return moved;
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 of a valid `YYYY-MM-DD`. */
function dayNumber(date: string): number {
  return daysFromCivil(digits(date, 0, 4), digits(date, 5, 2), digits(date, 8, 2));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The `YYYY-MM-DD` of a day number, or undefined outside the years 1000 to 9999. */
function civilFromDays(days: number): string | undefined {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shifted + 2) / 5) + 1;
  const month = shifted < 10 ? shifted + 3 : shifted - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  if (year < 1000 || year > 9999) return undefined;
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** A month (`YYYY-MM`) moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Days in a month (`YYYY-MM`). */
export function daysInMonth(month: string): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Names of UTC itself: dates in them need no time-zone data. */
const UTC_ZONES = new Set([
  'UTC',
  'Etc/UTC',
  'Etc/Universal',
  'Universal',
  'UCT',
  'Etc/UCT',
  'GMT',
  'Etc/GMT',
  'Zulu',
  'Etc/Zulu',
]);

export function isUtcZone(timeZone: string): boolean {
  return UTC_ZONES.has(timeZone);
}

// The first Intl.DateTimeFormat of a process loads ICU's time-zone data (about 20 ms of
// a command that takes 250), and each one costs again: one per zone, made when needed.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // en-CA writes YYYY-MM-DD; h23 counts hours 00-23.
    const options = {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    } as const;
    f = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    formatters.set(timeZone, f);
  }
  return f;
}

/** A moment as `YYYY-MM-DD HH:MM` on the clock of a time zone (an IANA name such as America/Los_Angeles). */
export function localDateTime(ms: number, timeZone: string): string {
  if (isUtcZone(timeZone)) return new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** The calendar date of a moment in a time zone. */
export function localDate(ms: number, timeZone: string): string {
  return localDateTime(ms, timeZone).slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  if (isValidDate(from) && isValidDate(to)) return dayNumber(to) - dayNumber(from);
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Day of the week of a date: 0 Sunday to 6 Saturday. */
export function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
