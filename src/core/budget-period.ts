import { addDays, weekday } from './dates';

export type BudgetPeriod = 'weekly' | 'monthly';
export type WeekStart = 'monday' | 'sunday';

/** A budget period: both ends are calendar dates and included. */
export interface PeriodRange {
  start: string;
  end: string;
}

/**
 * The period holding a calendar date: a month from the 1st, or a week from Monday (or
 * Sunday). Dates are the person's own calendar dates: the caller turns "now" into
 * today's date in their time zone first, so a budget never rolls over at UTC midnight.
 */
export function periodContaining(date: string, period: BudgetPeriod, weekStart: WeekStart = 'monday'): PeriodRange {
  if (period === 'monthly') {
    const [y, m] = date.split('-').map(Number) as [number, number];
    const start = `${date.slice(0, 7)}-01`;
    const nextMonth = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    return { start, end: addDays(nextMonth, -1) };
  }
  const first = weekStart === 'monday' ? 1 : 0;
  const back = (weekday(date) - first + 7) % 7;
  const start = addDays(date, -back);
  return { start, end: addDays(start, 6) };
}

/** The period before one. */
export function previousPeriod(range: PeriodRange, period: BudgetPeriod, weekStart: WeekStart = 'monday'): PeriodRange {
  return periodContaining(addDays(range.start, -1), period, weekStart);
}
