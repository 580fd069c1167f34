import { categoriesWithUsage } from '../../app/categories';
import type { AppContext } from '../../app/context';
import { formatMoney, moneyToNumber } from '../../core/money';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

export default async function categories(ctx: AppContext, out: Output): Promise<void> {
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
        };
      }),
    );
  out.line(
    renderTable(
      usage,
      [
        { header: 'CATEGORY', value: (u) => (u.parent === null ? u.category : `  ${u.category}`) },
        { header: 'COUNT', value: (u) => String(u.count), align: 'right' },
        {
          header: 'SPENT THIS MONTH',
          value: (u) =>
            Object.entries(u.spentCents)
              .filter(([, cents]) => cents > 0)
              .map(([currency, cents]) => formatMoney(cents, currency))
              .join(' + '),
          align: 'right',
        },
      ],
      out.color,
    ),
  );
}
