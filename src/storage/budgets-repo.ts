import { sql } from 'kysely';
import type { Budget } from '../core/budget';
import type { BudgetPeriod } from '../core/budget-period';
import { categorySubtree } from './categories-repo';
import { partsCountSql } from './splits-repo';
import type { Db } from './kysely';

interface BudgetRow {
  id: number;
  category: string;
  amount_cents: number;
  currency: string;
  period: BudgetPeriod;
  alert_at: string;
  rollover: 0 | 1;
  all_currencies: 0 | 1;
  created_at: string;
}

const COLUMNS = [
  'id',
  'category',
  'amount_cents',
  'currency',
  'period',
  'alert_at',
  'rollover',
  'all_currencies',
  'created_at',
] as const;

function budgetFromRow(row: BudgetRow): Budget {
  return {
    id: row.id,
    category: row.category,
    amountCents: row.amount_cents,
    currency: row.currency,
    period: row.period,
    alertAt: row.alert_at.split(',').map(Number),
    rollover: row.rollover === 1,
    allCurrencies: row.all_currencies === 1,
    createdAt: row.created_at,
  };
}

export async function listBudgets(db: Db): Promise<Budget[]> {
  return (await db.selectFrom('budgets').select(COLUMNS).orderBy('category').execute()).map(budgetFromRow);
}

/** Sets the one budget of a category, replacing the one there was (its alert marks stay). */
export async function upsertBudget(db: Db, draft: Omit<Budget, 'id' | 'createdAt'>, nowIso: string): Promise<Budget> {
  const row = await db
    .insertInto('budgets')
    .values({
      category: draft.category,
      amount_cents: draft.amountCents,
      currency: draft.currency,
      period: draft.period,
      alert_at: draft.alertAt.join(','),
      rollover: draft.rollover ? 1 : 0,
      all_currencies: draft.allCurrencies ? 1 : 0,
      created_at: nowIso,
      updated_at: nowIso,
    })
    .onConflict((oc) =>
      oc.column('category').doUpdateSet((eb) => ({
        amount_cents: eb.ref('excluded.amount_cents'),
        currency: eb.ref('excluded.currency'),
        period: eb.ref('excluded.period'),
        alert_at: eb.ref('excluded.alert_at'),
        rollover: eb.ref('excluded.rollover'),
        all_currencies: eb.ref('excluded.all_currencies'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return budgetFromRow(row);
}

export async function deleteBudget(db: Db, category: string): Promise<boolean> {
  const result = await db.deleteFrom('budgets').where('category', '=', category).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Net money out in a category (and the ones under it) and currency between two dates (both included), from the
 * stored rows every time, so it can never drift: purchases less refunds, removed rows
 * left out. A settled pending row is the posted row itself, so nothing counts twice.
 */
export async function spentBetween(db: Db, category: string, currency: string, from: string, to: string): Promise<number> {
  const subtree = await categorySubtree(db, category);
  const row = await db
    .selectFrom('transactions')
    .select(sql<number>`coalesce(-sum(amount_cents), 0)`.as('spent'))
    .where('category', 'in', subtree)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('removed', '=', 0)
    .where('currency', '=', currency)
    .executeTakeFirstOrThrow();
  let corrections = 0;
  for (const c of await splitCorrections(db, subtree, currency, from, to)) corrections += c.cents;
  return Math.max(0, row.spent + corrections);
}

/**
 * What split rows change in a category's spend, by month: a split row counts as its
 * parts, so its whole amount leaves its own category and each part in the category
 * counts instead. Few rows are split, so this is a small read beside the indexed sum.
 */
async function splitCorrections(
  db: Db,
  subtree: readonly string[],
  currency: string,
  from: string,
  to: string,
): Promise<{ month: string; cents: number }[]> {
  const inSubtree = (column: string) => sql`${sql.ref(column)} IN (${sql.join(subtree.map((c) => sql.val(c)))})`;
  return (
    db
      .selectFrom('transaction_splits as s')
      // CROSS JOIN keeps the few split rows leading (SQLite would start from the category's rows).
      .crossJoin('transactions as t')
      .whereRef('t.id', '=', 's.transaction_id')
      .select([
        sql<string>`substr(t.date, 1, 7)`.as('month'),
        // Spend is money out: the row's own amount comes back once (its first part's line), the parts go out.
        sql<number>`sum(CASE WHEN s.position = 0 AND ${inSubtree('t.category')} THEN t.amount_cents ELSE 0 END)
        - sum(CASE WHEN ${inSubtree('s.category')} THEN s.amount_cents ELSE 0 END)`.as('cents'),
      ])
      .where('t.removed', '=', 0)
      .where('t.currency', '=', currency)
      .where('t.date', '>=', from)
      .where('t.date', '<=', to)
      // Parts that no longer sum to their row (the bank changed it) do not count, as in cash flow.
      .where(sql<boolean>`${sql.raw(partsCountSql('t'))}`)
      .groupBy(sql`substr(t.date, 1, 7)`)
      .execute()
  );
}

/** Net spend per month (`YYYY-MM`) from a date on, for rollover. */
export async function spentByMonth(
  db: Db,
  category: string,
  currency: string,
  from: string,
  to: string,
): Promise<Map<string, number>> {
  const subtree = await categorySubtree(db, category);
  const rows = await db
    .selectFrom('transactions')
    .select([sql<string>`substr(date, 1, 7)`.as('month'), sql<number>`-sum(amount_cents)`.as('spent')])
    .where('category', 'in', subtree)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .where('removed', '=', 0)
    .where('currency', '=', currency)
    .groupBy(sql`substr(date, 1, 7)`)
    .execute();
  const spent = new Map(rows.map((r) => [r.month, r.spent]));
  for (const c of await splitCorrections(db, subtree, currency, from, to))
    spent.set(c.month, (spent.get(c.month) ?? 0) + c.cents);
  return new Map([...spent].map(([month, cents]) => [month, Math.max(0, cents)]));
}

export async function markedThresholds(db: Db, budgetId: number, periodStart: string): Promise<Set<number>> {
  const rows = await db
    .selectFrom('budget_alert_marks')
    .select('threshold')
    .where('budget_id', '=', budgetId)
    .where('period_start', '=', periodStart)
    .execute();
  return new Set(rows.map((r) => r.threshold));
}

/** The currencies the accounts hold (custom ones, such as a token's, included). */
export async function accountCurrencies(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('accounts').select('currency').distinct().execute();
  return rows.map((r) => r.currency);
}

/** The currency most open accounts are in: a new budget's default. */
export async function mainCurrency(db: Db): Promise<string | undefined> {
  const row = await db
    .selectFrom('accounts')
    .select(['currency', sql<number>`count(*)`.as('n')])
    .where('closed', '=', 0)
    .groupBy('currency')
    .orderBy(sql`count(*)`, 'desc')
    .orderBy('currency')
    .executeTakeFirst();
  return row?.currency;
}
