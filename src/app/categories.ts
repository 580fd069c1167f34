import { localDate } from '../core/dates';
import { spentBetweenDates } from '../storage/spending-repo';
import { invalidInput } from '../core/errors';
import { BUILTIN_CATEGORIES } from '../core/transaction';
import { treeOrder } from '../core/categories/tree';
import { categoryCounts, ensureCategory, listCategories, splitRepeatsByTop } from '../storage/categories-repo';
import type { AppContext } from './context';

export interface CategoryUsage {
  category: string;
  parent: string | null;
  holds: string | null;
  /**
   * Its rows (a split row counts in each of its parts' categories); a top-level
   * category's include those of the categories under it, a split row once.
   */
  count: number;
  /**
   * This month's spending in the category per currency, as every view counts it
   * (core/spent.ts): money out less refunds, posted and pending, paired transfers left
   * out; a top-level category's includes the categories under it.
   */
  spentCents: Record<string, number>;
  /** The part of `spentCents` that is pending, per currency. */
  pendingCents: Record<string, number>;
}

/**
 * `finagg categories`: every category with its count and this month's spending, each
 * top-level one followed by the ones under it (both levels alphabetical).
 */
export async function categoriesWithUsage(ctx: AppContext): Promise<CategoryUsage[]> {
  const month = localDate(ctx.clock.nowMs(), ctx.timeZone).slice(0, 7);
  const table = spentBetweenDates(ctx.sqlite, `${month}-01`, `${month}-31`);
  const part = (category: string, key: 'spentCents' | 'pendingCents') =>
    Object.fromEntries([...(table.get(category) ?? [])].map(([currency, s]) => [currency, s[key]]));
  const own = (await categoryCounts(ctx.db)).map((c) => ({
    ...c,
    spentCents: part(c.category, 'spentCents'),
    pendingCents: part(c.category, 'pendingCents'),
  }));
  const repeats = await splitRepeatsByTop(ctx.db);
  const out: CategoryUsage[] = [];
  let top: CategoryUsage | undefined;
  for (const { item: usage, child } of treeOrder(own, (c) => c.category)) {
    if (!child) {
      // A top-level category's count and spend include the ones under it.
      // A split row with two parts under this category is one of its rows, not two.
      top = {
        ...usage,
        parent: null,
        count: usage.count - (repeats.get(usage.category) ?? 0),
        spentCents: { ...usage.spentCents },
        pendingCents: { ...usage.pendingCents },
      };
      out.push(top);
      continue;
    }
    out.push(usage);
    top!.count += usage.count;
    for (const [currency, cents] of Object.entries(usage.spentCents))
      top!.spentCents[currency] = (top!.spentCents[currency] ?? 0) + cents;
    for (const [currency, cents] of Object.entries(usage.pendingCents))
      top!.pendingCents[currency] = (top!.pendingCents[currency] ?? 0) + cents;
  }
  return out;
}

/**
 * `finagg categories add <name> [--parent <top>]`: a person's own category, at the top or
 * under a top-level category (two levels, no more). Naming one of their own that exists
 * moves it under the parent; a built-in one stays where the taxonomy put it.
 */
export async function addCategory(ctx: AppContext, name: string, parent: string | null): Promise<{ created: boolean }> {
  const known = new Map((await listCategories(ctx.db)).map((c) => [c.name, c]));
  const builtin = new Set(BUILTIN_CATEGORIES);
  if (parent !== null) {
    const top = known.get(parent);
    if (!top) throw invalidInput(`invalid --parent ${JSON.stringify(parent)}: no such category (see finagg categories)`);
    if (top.parent !== null)
      throw invalidInput(`invalid --parent ${JSON.stringify(parent)}: it is under ${top.parent}; categories have two levels`);
    if (parent === name) throw invalidInput(`invalid --parent ${JSON.stringify(parent)}: a category cannot be under itself`);
  }
  if (builtin.has(name)) {
    if ((known.get(name)?.parent ?? null) === parent) return { created: false };
    throw invalidInput(`invalid category ${JSON.stringify(name)}: a built-in category stays where it is`);
  }
  if (parent !== null && [...known.values()].some((c) => c.parent === name))
    throw invalidInput(`invalid --parent ${JSON.stringify(parent)}: ${name} has categories under it; categories have two levels`);
  const nowIso = new Date(ctx.clock.nowMs()).toISOString();
  const created = await ensureCategory(ctx.db, name, nowIso);
  await ctx.db.updateTable('categories').set({ parent }).where('name', '=', name).execute();
  return { created };
}
