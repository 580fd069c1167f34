import type { AppContext } from '../../app/context';
import { missingRateHint } from '../../app/fx/account-values';
import { chosenNotice } from '../../app/fx/home-currency';
import {
  type HomeMonthReport,
  type HomeNetWorthPoint,
  type HomeView,
  homeCashFlow,
  homeNetWorth,
} from '../../app/fx/home-report';
import { toNumber } from '../../core/fx/rational';
import { formatMoney, moneyToNumber } from '../../core/money';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

/** `report --home` and `report networth --home`: the books in one currency (app/fx/home-report.ts). */

function notices(out: Output, view: HomeView<unknown>): void {
  if (view.chosen) out.notice(chosenNotice(view.home));
  if (view.missing.length > 0) out.notice(out.color.yellow(`not counted: ${missingRateHint(view.missing)}`));
}

export function homeMonthJson(r: HomeMonthReport) {
  const money = (cents: number) => moneyToNumber(cents, r.currency);
  return {
    month: r.month,
    currency: r.currency,
    income: money(r.incomeCents),
    spending: money(r.spendingCents),
    net: money(r.netCents),
    fx: r.fxCents === null ? null : money(r.fxCents),
    fx_transfers: money(r.fxTransfersCents),
    by_category: Object.fromEntries(
      Object.entries(r.byCategory)
        .sort((a, b) => b[1] - a[1])
        .map(([c, cents]) => [c, money(cents)]),
    ),
  };
}

export function homeNetWorthJson(p: HomeNetWorthPoint) {
  return {
    month: p.month,
    currency: p.currency,
    net_worth: moneyToNumber(p.netWorthCents, p.currency),
    by_currency: Object.fromEntries(Object.entries(p.byCurrency).map(([c, cents]) => [c, moneyToNumber(cents, c)])),
    rates: p.rates.map((r) => ({ currency: r.currency, date: r.date, per_eur: toNumber(r.perEur) })),
  };
}

export async function reportHome(
  ctx: AppContext,
  out: Output,
  range: { from?: string; to?: string; top: boolean },
): Promise<void> {
  const view = await homeCashFlow(ctx, range);
  notices(out, view);
  if (out.json) return out.data(view.rows.map(homeMonthJson));
  if (view.rows.length === 0) return out.line('no transactions in those months');
  const c = out.color;
  const money = (cents: number) => formatMoney(cents, view.home);
  out.line(
    renderTable(
      view.rows,
      [
        { header: 'MONTH', value: (r) => r.month },
        { header: 'INCOME', value: (r) => money(r.incomeCents), align: 'right' },
        { header: 'SPENDING', value: (r) => money(r.spendingCents), align: 'right' },
        {
          header: 'NET',
          value: (r) => money(r.netCents),
          align: 'right',
          style: (t, r) => (r.netCents < 0 ? c.red(t) : c.green(t)),
        },
        { header: 'FX', value: (r) => (r.fxCents === null ? '' : money(r.fxCents)), align: 'right' },
        {
          header: 'LARGEST',
          value: (r) =>
            Object.entries(r.byCategory)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 3)
              .map(([cat, cents]) => `${cat} ${money(cents)}`)
              .join(', '),
        },
      ],
      c,
    ),
  );
  out.notice(
    c.dim(`in ${view.home}, each row at its day's rate; fx: transfers between currencies and the value of money held in others`),
  );
}

export async function reportNetWorthHome(ctx: AppContext, out: Output, range: { from?: string; to?: string }): Promise<void> {
  const view = await homeNetWorth(ctx, range);
  notices(out, view);
  if (out.json) return out.data(view.rows.map(homeNetWorthJson));
  if (view.rows.length === 0) return out.line('no history yet');
  const others = [...new Set(view.rows.flatMap((p) => Object.keys(p.byCurrency)))].sort();
  out.line(
    renderTable(
      view.rows,
      [
        { header: 'MONTH END', value: (p) => p.month },
        { header: `NET WORTH (${view.home})`, value: (p) => formatMoney(p.netWorthCents, p.currency), align: 'right' },
        ...others.map((currency) => ({
          header: currency,
          value: (p: HomeNetWorthPoint) =>
            p.byCurrency[currency] === undefined ? '' : formatMoney(p.byCurrency[currency]!, currency),
          align: 'right' as const,
        })),
        {
          header: 'RATES OF',
          value: (p: HomeNetWorthPoint) => [...new Set(p.rates.map((r) => r.date))].sort().join(', '),
        },
      ],
      out.color,
    ),
  );
}
