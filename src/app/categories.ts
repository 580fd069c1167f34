import { categoryUsage, type CategoryUsage } from '../storage/categories-repo';
import type { AppContext } from './context';

/** `finagg categories`: every category with its count and this month's net spend. */
export async function categoriesWithUsage(ctx: AppContext): Promise<CategoryUsage[]> {
  const today = new Date(ctx.clock.nowMs()).toISOString().slice(0, 10);
  return categoryUsage(ctx.db, `${today.slice(0, 7)}-01`);
}
