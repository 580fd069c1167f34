import { type FlowSum, foldCashFlow, INCOME_LIKE } from './cash-flow';

/**
 * What a category spent in a period: the one definition behind budgets, `categories`, the
 * dashboard's budgets and spending panels and the demo's summary. Money out less refunds,
 * as cash flow counts it (core/cash-flow.ts: transfers between own accounts left out,
 * split rows as their parts), of the posted rows and the pending charges both: money
 * already committed. The pending part is kept apart so that every view can say it, and so
 * that the report (the books, posted rows only) plus the pending part is this figure.
 */
export interface Spent {
  /** Posted and pending, in minor units. */
  spentCents: number;
  /** The part of it that is pending. */
  pendingCents: number;
}

/** Spent by category (each category on its own, not its subtree) and currency. */
export type SpentTable = ReadonlyMap<string, ReadonlyMap<string, Spent>>;

export function spentTable(posted: readonly FlowSum[], pending: readonly FlowSum[]): SpentTable {
  const table = new Map<string, Map<string, Spent>>();
  const add = (sums: readonly FlowSum[], isPending: boolean) => {
    for (const report of foldCashFlow(sums)) {
      for (const [category, cents] of Object.entries(report.byCategory)) {
        const byCurrency = table.get(category) ?? new Map<string, Spent>();
        const s = byCurrency.get(report.currency) ?? { spentCents: 0, pendingCents: 0 };
        s.spentCents += cents;
        if (isPending) s.pendingCents += cents;
        byCurrency.set(report.currency, s);
        table.set(category, byCurrency);
      }
    }
  };
  add(posted, false);
  add(pending, true);
  return table;
}

/** A category and the ones under it, in one currency. */
export function spentIn(table: SpentTable, subtree: Iterable<string>, currency: string): Spent {
  const total = { spentCents: 0, pendingCents: 0 };
  for (const category of subtree) {
    const s = table.get(category)?.get(currency);
    if (!s) continue;
    total.spentCents += s.spentCents;
    total.pendingCents += s.pendingCents;
  }
  return total;
}

/**
 * What a category subtree spent by currency and day, in every currency but `except`, by
 * the same rules (for a budget of every currency, which converts each day at its rate).
 * `sums` are flowSums by day (their `month` holds the date).
 */
export function spentByDay(
  sums: readonly FlowSum[],
  subtree: ReadonlySet<string>,
  except: string,
): { currency: string; date: string; cents: number }[] {
  const out: { currency: string; date: string; cents: number }[] = [];
  for (const s of sums) {
    if (s.currency === except || !subtree.has(s.category)) continue;
    if (s.incoming && INCOME_LIKE.has(s.top)) continue; // income, not a refund
    out.push({ currency: s.currency, date: s.month, cents: -s.cents });
  }
  return out;
}

/** How a view says the pending part: `$118.47, $89.60 of it pending`; `$25.12, all of it pending`. */
export function pendingPhrase(spent: string, pending: string, pendingCents: number, spentCents?: number): string {
  if (pendingCents <= 0) return spent;
  return pendingCents === spentCents ? `${spent}, all of it pending` : `${spent}, ${pending} of it pending`;
}
