import { type Budget, type BudgetStatus, budgetStatus, carriedInto } from '../core/budget';
import { type BudgetPeriod, periodContaining, type WeekStart } from '../core/budget-period';
import { addDays, daysBetween, localDate } from '../core/dates';
import { AppError } from '../core/errors';
import { listCategoryNames, ensureCategory } from '../storage/categories-repo';
import { accountCurrencies, deleteBudget, listBudgets, mainCurrency, spentByMonth, upsertBudget } from '../storage/budgets-repo';
import { flowSums } from '../storage/cash-flow-repo';
import { HomeFigure } from '../core/fx/rate-book';
import { isActiveCurrencyCode } from '../core/fx/currency-codes';
import { spentByDay, type SpentTable, spentIn } from '../core/spent';
import { spentBetweenDates } from '../storage/spending-repo';
import { categorySubtree } from '../storage/categories-repo';
import { rateBookFor } from './fx/rate-book';
import type { AppContext } from './context';
import type { Settings } from '../core/settings';
import { getSettings } from './settings';

export interface SetBudgetInput {
  category: string;
  amountCents: number;
  period: BudgetPeriod;
  alertAt: number[];
  rollover: boolean;
  /** Make the category when it does not exist (otherwise a typo is refused). */
  create: boolean;
  currency?: string;
  /** Count spending in other currencies too, each row at its day's rate. */
  allCurrencies?: boolean;
}

/** Today in the person's time zone, and the week start they chose. */
export async function calendar(ctx: AppContext, known?: Settings): Promise<{ today: string; weekStart: WeekStart }> {
  const settings = known ?? (await getSettings(ctx));
  return { today: localDate(ctx.clock.nowMs(), ctx.timeZone), weekStart: settings.week_start };
}

/** `budget set`: one budget per category; setting it again changes it. */
export async function setBudget(ctx: AppContext, input: SetBudgetInput): Promise<{ budget: Budget; newCategory: boolean }> {
  if (input.rollover && input.period !== 'monthly')
    throw new AppError(
      'invalid_input',
      'invalid --rollover: only a monthly budget carries money into the next period',
      'see finagg budget set --help',
    );
  const names = await listCategoryNames(ctx.db);
  if (!names.includes(input.category) && !input.create)
    throw new AppError(
      'not_found',
      `no category ${JSON.stringify(input.category)}`,
      'add --create to make a new category; see finagg categories',
    );
  if (
    input.currency !== undefined &&
    !isActiveCurrencyCode(input.currency) &&
    !(await accountCurrencies(ctx.db)).includes(input.currency)
  )
    throw new AppError(
      'invalid_input',
      `invalid --currency: ${JSON.stringify(input.currency)} is no currency code (ISO 4217) and no account's currency`,
      'such as USD or EUR; see finagg accounts',
    );
  // A budget of every currency is in the home currency, the one the person reads totals in.
  const home = input.allCurrencies ? (await getSettings(ctx))['currency.home'] : null;
  const currency = input.currency ?? home ?? (await mainCurrency(ctx.db)) ?? 'USD';
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const newCategory = await ensureCategory(trx, input.category, nowIso);
    const budget = await upsertBudget(
      trx,
      {
        category: input.category,
        amountCents: input.amountCents,
        currency,
        period: input.period,
        alertAt: input.alertAt,
        rollover: input.rollover,
        allCurrencies: input.allCurrencies === true,
      },
      nowIso,
    );
    ctx.log.log('info', 'budget.set', { category: budget.category, period: budget.period });
    return { budget, newCategory };
  });
}

export async function removeBudget(ctx: AppContext, category: string): Promise<void> {
  if (!(await deleteBudget(ctx.db, category)))
    throw new AppError('not_found', `no budget for ${JSON.stringify(category)}`, 'see finagg budget list');
}

/**
 * One budget in the period holding `today`, spend counted from the stored rows as every
 * view counts it (core/spent.ts: posted and pending, the pending part kept apart).
 * `tables` keeps a period's spent table for the other budgets of the same period.
 */
export async function statusOf(
  ctx: AppContext,
  budget: Budget,
  today: string,
  weekStart: WeekStart,
  tables: Map<string, SpentTable> = new Map(),
): Promise<BudgetStatus> {
  const range = periodContaining(today, budget.period, weekStart);
  const key = `${range.start}|${range.end}`;
  let table = tables.get(key);
  if (!table) tables.set(key, (table = spentBetweenDates(ctx.sqlite, range.start, range.end)));
  const subtree = await categorySubtree(ctx.db, budget.category);
  const own = spentIn(table, subtree, budget.currency);
  let spentCents = own.spentCents;
  let pendingCents = own.pendingCents;
  let uncounted: string[] | undefined;
  if (budget.allCurrencies) {
    // The other currencies' spending (core/spent.ts), each day at its rate, summed exactly and rounded once.
    const book = rateBookFor(ctx);
    const inSubtree = new Set(subtree);
    const converted = (pending: boolean) => {
      const figure = new HomeFigure(book, budget.currency);
      const sums = flowSums(ctx.sqlite, range.start, range.end, { byDay: true, pending });
      for (const s of spentByDay(sums, inSubtree, budget.currency)) figure.add(s.cents, s.currency, s.date);
      return figure;
    };
    const [posted, held] = [converted(false), converted(true)];
    pendingCents += held.cents();
    spentCents += posted.cents() + held.cents();
    uncounted = [...new Set([...posted.missing, ...held.missing])].sort();
  }
  const spent = Math.max(0, spentCents);
  const pending = Math.max(0, Math.min(pendingCents, spent));
  let carried = 0;
  if (budget.rollover && budget.period === 'monthly') {
    // Every full month since the budget was made, oldest first.
    const firstMonth = `${localDate(Date.parse(budget.createdAt), ctx.timeZone).slice(0, 7)}-01`;
    if (firstMonth < range.start) {
      const byMonth = await spentByMonth(ctx.db, budget.category, budget.currency, firstMonth, range.start);
      const months: number[] = [];
      for (let m = firstMonth; m < range.start; m = addDays(periodContaining(m, 'monthly').end, 1)) {
        months.push(byMonth.get(m.slice(0, 7)) ?? 0);
      }
      carried = carriedInto(budget.amountCents, months);
    }
  }
  const status = { ...budgetStatus(budget, range, spent, carried, daysBetween(today, range.end) + 1), pendingCents: pending };
  return uncounted && uncounted.length > 0 ? { ...status, uncounted } : status;
}

export async function budgetStatuses(ctx: AppContext): Promise<BudgetStatus[]> {
  const { today, weekStart } = await calendar(ctx);
  const budgets = await listBudgets(ctx.db);
  const tables = new Map<string, SpentTable>();
  const out: BudgetStatus[] = [];
  for (const b of budgets) out.push(await statusOf(ctx, b, today, weekStart, tables));
  return out;
}
