import { addDays as addDaysIso, addMonths, daysBetween as diff, daysInMonth, weekday as weekdayOf } from '../dates';
import { type Cadence, cadenceSpec } from './cadence';

/**
 * When a stream comes next, from its dates alone. A monthly stream keeps a day of the
 * month (or the month's end) and the history says which way it moves when that day is a
 * weekend (payroll comes the Friday before, autopay the Monday after); a weekly or
 * biweekly one keeps its weekday; a semimonthly one has two days of the month.
 */
export function predictNext(dates: readonly string[], cadence: Cadence): string {
  const last = dates[dates.length - 1]!;
  if (cadence === 'weekly' || cadence === 'biweekly') return nextByWeekday(dates, cadenceSpec(cadence).days);
  const recent = dates.slice(-8);
  if (cadence === 'semimonthly') {
    const early = recent.filter((d) => day(d) <= 20 && !nearMonthEnd(d));
    const late = recent.filter((d) => day(d) > 20 || nearMonthEnd(d));
    const anchors = [anchorOf(early), anchorOf(late)].filter((a): a is Anchor => a !== undefined);
    const move = moveOf(dates, anchors);
    const candidates = anchors.flatMap((a) => [-1, 0, 1, 2].map((m) => dateOf(addMonths(monthOf(last), m), a, move)));
    return candidates.filter((c) => c > last && diff(last, c) > 5).sort()[0] ?? addDaysIso(last, 15);
  }
  const months = cadence === 'monthly' ? 1 : cadence === 'quarterly' ? 3 : 12;
  const anchor = anchorOf(recent) ?? { day: day(last), end: false };
  const move = moveOf(dates, [anchor]);
  // The month the last occurrence belongs to: a charge due on the 1st may come on the 31st before.
  const nominal = [-1, 0, 1]
    .map((m) => addMonths(monthOf(last), m))
    .sort((a, b) => Math.abs(diff(last, dateOf(a, anchor, 'none'))) - Math.abs(diff(last, dateOf(b, anchor, 'none'))))[0]!;
  return dateOf(addMonths(nominal, months), anchor, move);
}

interface Anchor {
  /** Day of the month (clamped to the month's length). */
  day: number;
  /** The month's last day (or last business day). */
  end: boolean;
}

type Move = 'before' | 'after' | 'none';

function anchorOf(dates: readonly string[]): Anchor | undefined {
  if (dates.length === 0) return undefined;
  if (dates.filter(nearMonthEnd).length >= dates.length * 0.6) return { day: 31, end: true };
  const days = dates.map(day).sort((a, b) => a - b);
  return { day: days[days.length >> 1]!, end: false };
}

/** Which way the dates moved when their day fell on a weekend; none when they never moved. */
function moveOf(dates: readonly string[], anchors: readonly Anchor[]): Move {
  let before = 0;
  let after = 0;
  for (const d of dates) {
    const month = monthOf(d);
    const nominal = anchors.map((a) => dateOf(month, a, 'none')).sort((x, y) => Math.abs(diff(d, x)) - Math.abs(diff(d, y)))[0];
    if (!nominal || !isWeekend(nominal)) continue;
    const shift = diff(nominal, d);
    if (shift < 0) before++;
    else if (shift > 0) after++;
  }
  if (before === 0 && after === 0) return dates.some(isWeekend) ? 'none' : 'after';
  return before > after ? 'before' : 'after';
}

function dateOf(month: string, anchor: Anchor, move: Move): string {
  const length = daysInMonth(month);
  let date = `${month}-${String(Math.min(anchor.day, length)).padStart(2, '0')}`;
  if (anchor.end && move !== 'none') move = 'before'; // the last business day
  if (move === 'none') return date;
  while (isWeekend(date)) date = addDaysIso(date, move === 'before' ? -1 : 1);
  return date;
}

/** Weekly and biweekly: the period after the last date, on the weekday the stream keeps. */
function nextByWeekday(dates: readonly string[], period: number): string {
  const last = dates[dates.length - 1]!;
  const counts = new Map<number, number>();
  for (const d of dates.slice(-10)) counts.set(weekdayOf(d), (counts.get(weekdayOf(d)) ?? 0) + 1);
  const usual = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
  let next = addDaysIso(last, period);
  // The last one moved off a holiday: back to the usual weekday, within three days.
  for (let shift = 1; shift <= 3 && weekdayOf(next) !== usual; shift++) {
    if (weekdayOf(addDaysIso(next, shift)) === usual) return addDaysIso(next, shift);
    if (weekdayOf(addDaysIso(next, -shift)) === usual) return addDaysIso(next, -shift);
  }
  return next;
}

const day = (d: string) => Number(d.slice(8, 10));
const monthOf = (d: string) => d.slice(0, 7);
const nearMonthEnd = (d: string) => daysInMonth(monthOf(d)) - day(d) <= 3;
const isWeekend = (d: string) => weekdayOf(d) === 0 || weekdayOf(d) === 6;
