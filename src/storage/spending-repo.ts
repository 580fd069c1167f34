import { sql } from 'kysely';
import type { Db } from './kysely';

/** Money that moves between a person's own pockets or comes in is not spending. */
const NOT_SPENDING = ['income', 'transfer'];

export interface CategorySpend {
  category: string;
  currency: string;
  /** Purchases less refunds, never below zero. */
  cents: number;
}

/**
 * Net money out per category between two dates (both included), largest first. Reads
 * only the rows in the range through the date index, so a month costs the same on a
 * home of a thousand rows as on one of a million.
 */
export async function spendingByCategory(db: Db, from: string, to: string): Promise<CategorySpend[]> {
  const rows = await db
    .selectFrom('transactions')
    .select(['category', 'currency', sql<number>`-sum(amount_cents)`.as('cents')])
    .where('removed', '=', 0)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('category', 'not in', NOT_SPENDING)
    .groupBy(['category', 'currency'])
    .execute();
  return rows
    .map((r) => ({ category: r.category, currency: r.currency, cents: Math.max(0, r.cents) }))
    .filter((r) => r.cents > 0)
    .sort((a, b) => b.cents - a.cents || a.category.localeCompare(b.category));
}

export interface MonthSpend {
  /** `YYYY-MM`. */
  month: string;
  currency: string;
  cents: number;
}

/** Net money out per month and currency between two dates (both included). */
export async function spendingByMonth(db: Db, from: string, to: string): Promise<MonthSpend[]> {
  const rows = await db
    .selectFrom('transactions')
    .select([sql<string>`substr(date, 1, 7)`.as('month'), 'currency', sql<number>`-sum(amount_cents)`.as('cents')])
    .where('removed', '=', 0)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('category', 'not in', NOT_SPENDING)
    .groupBy([sql`substr(date, 1, 7)`, 'currency'])
    .execute();
  return rows.map((r) => ({ month: r.month, currency: r.currency, cents: Math.max(0, r.cents) }));
}
