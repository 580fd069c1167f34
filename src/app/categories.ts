import { foldCashFlow } from '../core/cash-flow';
import { localDate } from '../core/dates';
import { flowSums } from '../storage/cash-flow-repo';
import { categoryCounts } from '../storage/categories-repo';
import type { AppContext } from './context';

export interface CategoryUsage {
  category: string;
  count: number;
  /**
   * This month's spending in the category per currency, as `finagg report` counts it
   * (core/cash-flow.ts): posted money out less refunds, paired transfers left out.
   */
  spentCents: Record<string, number>;
}

/** `finagg categories`: every category with its count and this month's spending. */
export async function categoriesWithUsage(ctx: AppContext): Promise<CategoryUsage[]> {
  const month = localDate(ctx.clock.nowMs(), ctx.timeZone).slice(0, 7);
  const spent = new Map<string, Record<string, number>>();
  for (const report of foldCashFlow(flowSums(ctx.sqlite, `${month}-01`, `${month}-31`))) {
    for (const [category, cents] of Object.entries(report.byCategory)) {
      const byCurrency = spent.get(category) ?? {};
      byCurrency[report.currency] = cents;
      spent.set(category, byCurrency);
    }
  }
  return (await categoryCounts(ctx.db)).map((c) => ({ ...c, spentCents: spent.get(c.category) ?? {} }));
}
