import type { Command } from 'commander';
import { pendingPhrase } from '../../core/spent';
import { categoriesWithUsage } from '../../app/categories';
import type { AppContext } from '../../app/context';
import { formatMoney, moneyToNumber } from '../../core/money';
import { BUILTIN_CATEGORIES } from '../../core/transaction';
import * as z from '../../validation/zod';
import { parseOptions } from '../options';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const CategoriesOptions = z.object({ all: z.optional(z.boolean()) });
const BUILTIN = new Set(BUILTIN_CATEGORIES);

export default async function categories(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(CategoriesOptions, command.opts(), 'categories');
  const usage = await categoriesWithUsage(ctx);
  if (out.json)
    return out.data(
      usage.map((u) => {
        const spent = Object.entries(u.spentCents).filter(([, cents]) => cents > 0);
        return {
          category: u.category,
          parent: u.parent,
          holds: u.holds,
          count: u.count,
          // One currency is the common case and a plain number; several stay apart.
          spent_this_month: spent.length <= 1 ? moneyToNumber(spent[0]?.[1] ?? 0, spent[0]?.[0]) : null,
          spent_this_month_by_currency: Object.fromEntries(
            spent.map(([currency, cents]) => [currency, moneyToNumber(cents, currency)]),
          ),
          // The part of it that is pending charges (core/spent.ts), in the same shape.
          pending: spent.length <= 1 ? moneyToNumber(Math.max(0, u.pendingCents[spent[0]?.[0] ?? ''] ?? 0), spent[0]?.[0]) : null,
          pending_by_currency: Object.fromEntries(
            spent.map(([currency]) => [currency, moneyToNumber(Math.max(0, u.pendingCents[currency] ?? 0), currency)]),
          ),
        };
      }),
    );
  // Sixty built-in detailed categories, most of them empty in any one home, would bury the
  // ones in use: the table shows a detailed one when it has rows or is the person's own.
  const shown = o.all === true ? usage : usage.filter((u) => u.parent === null || u.count > 0 || !BUILTIN.has(u.category));
  out.line(
    renderTable(
      shown,
      [
        { header: 'CATEGORY', value: (u) => (u.parent === null ? u.category : `  ${u.category}`) },
        { header: 'COUNT', value: (u) => String(u.count), align: 'right' },
        {
          header: 'SPENT THIS MONTH',
          value: (u) =>
            Object.entries(u.spentCents)
              .filter(([, cents]) => cents > 0)
              .map(([currency, cents]) =>
                pendingPhrase(
                  formatMoney(cents, currency),
                  formatMoney(u.pendingCents[currency] ?? 0, currency),
                  u.pendingCents[currency] ?? 0,
                  cents,
                ),
              )
              .join(' + '),
          align: 'right',
        },
      ],
      out.color,
    ),
  );
  const hidden = usage.length - shown.length;
  if (hidden > 0) out.line(`${hidden} detailed categories without transactions are not shown: finagg categories --all`);
}
