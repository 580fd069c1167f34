import type { Command } from 'commander';
import Papa from 'papaparse';
import type { AppContext } from '../../app/context';
import { cashFlow, netWorth, type MonthReport } from '../../app/report';
import { formatMoney, moneyToNumber } from '../../core/money';
import * as z from '../../validation/zod';
import { parseOptions } from '../options';
import { AppError } from '../../core/errors';
import { reportHome, reportNetWorthHome } from './report-home';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const month = () =>
  z.string().check(z.refine((v: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { error: 'must be a month as YYYY-MM' }));

const ReportOptions = z.object({
  from: z.optional(month()),
  to: z.optional(month()),
  csv: z.optional(z.boolean()),
  top: z.optional(z.boolean()),
  homeCurrency: z.optional(z.boolean()),
});

/** The MonthReport shape of CLI.md. */
export function monthReportJson(r: MonthReport) {
  return {
    month: r.month,
    currency: r.currency,
    income: moneyToNumber(r.incomeCents, r.currency),
    spending: moneyToNumber(r.spendingCents, r.currency),
    net: moneyToNumber(r.netCents, r.currency),
    by_category: Object.fromEntries(
      Object.entries(r.byCategory)
        .sort((a, b) => b[1] - a[1])
        .map(([c, cents]) => [c, moneyToNumber(cents, r.currency)]),
    ),
    // Pending money out, not in `spending` (the books are posted rows): spending + pending is what budgets say.
    pending: moneyToNumber(r.pendingCents ?? 0, r.currency),
    pending_by_category: Object.fromEntries(
      Object.entries(r.pendingByCategory ?? {})
        .filter(([, cents]) => cents !== 0)
        .map(([c, cents]) => [c, moneyToNumber(cents, r.currency)]),
    ),
  };
}

export default async function report(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(ReportOptions, command.opts(), 'report');
  if (o.homeCurrency === true) {
    if (o.csv === true)
      throw new AppError('usage', '--csv is for the report per currency; --home-currency gives a table or --json');
    return reportHome(ctx, out, { from: o.from, to: o.to, top: o.top === true });
  }
  const reports = cashFlow(ctx, { from: o.from, to: o.to, top: o.top === true });
  if (o.csv === true) {
    const categories = [...new Set(reports.flatMap((r) => Object.keys(r.byCategory)))].sort();
    const rows = reports.map((r) => {
      const j = monthReportJson(r);
      return [
        j.month,
        j.currency,
        j.income,
        j.spending,
        j.net,
        ...categories.map((c) => moneyToNumber(r.byCategory[c] ?? 0, r.currency)),
      ];
    });
    return out.line(Papa.unparse([['month', 'currency', 'income', 'spending', 'net', ...categories], ...rows]));
  }
  if (out.json) return out.data(reports.map(monthReportJson));
  if (reports.length === 0) return out.line('no transactions in those months');
  const c = out.color;
  out.line(
    renderTable(
      reports,
      [
        { header: 'MONTH', value: (r) => r.month },
        { header: 'INCOME', value: (r) => formatMoney(r.incomeCents, r.currency), align: 'right' },
        { header: 'SPENDING', value: (r) => formatMoney(r.spendingCents, r.currency), align: 'right' },
        {
          header: 'NET',
          value: (r) => formatMoney(r.netCents, r.currency),
          align: 'right',
          style: (t, r) => (r.netCents < 0 ? c.red(t) : c.green(t)),
        },
        // Pending money out beside the books (not in SPENDING): SPENDING + PENDING is what budgets say.
        ...(reports.some((r) => (r.pendingCents ?? 0) !== 0)
          ? [
              {
                header: 'PENDING',
                value: (r: MonthReport) => (r.pendingCents ? formatMoney(r.pendingCents, r.currency) : ''),
                align: 'right' as const,
              },
            ]
          : []),
        {
          header: 'LARGEST',
          value: (r) =>
            Object.entries(r.byCategory)
              .sort((a, b) => b[1] - a[1])
              .slice(0, 3)
              .map(([cat, cents]) => `${cat} ${formatMoney(cents, r.currency)}`)
              .join(', '),
        },
      ],
      c,
    ),
  );
}

export async function reportNetWorth(ctx: AppContext, out: Output, command: Command): Promise<void> {
  // report and networth share --from and --to: commander may give them to either.
  const o = parseOptions(ReportOptions, command.optsWithGlobals(), 'report networth');
  if (o.homeCurrency === true) return reportNetWorthHome(ctx, out, { from: o.from, to: o.to });
  const points = netWorth(ctx, { from: o.from, to: o.to });
  if (out.json)
    return out.data(
      points.map((p) => ({ month: p.month, currency: p.currency, net_worth: moneyToNumber(p.netWorthCents, p.currency) })),
    );
  if (points.length === 0) return out.line('no history yet');
  out.line(
    renderTable(
      points,
      [
        { header: 'MONTH END', value: (p) => p.month },
        { header: 'NET WORTH', value: (p) => formatMoney(p.netWorthCents, p.currency), align: 'right' },
      ],
      out.color,
    ),
  );
}
