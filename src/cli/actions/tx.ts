import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import * as z from '../../validation/zod';
import { queryTransactions } from '../../app/transactions';
import { formatMoney } from '../../core/money';
import type { Transaction } from '../../core/transaction';
import { listAccounts } from '../../storage/accounts-repo';
import { dateText, oneOf, parseOptions, sizeText, textValue, wholeNumber } from '../options';
import { transactionJson } from '../render/shapes';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const TxOptions = z
  .object({
    category: z.optional(textValue()),
    account: z.optional(textValue()),
    merchant: z.optional(textValue()),
    search: z.optional(textValue()),
    from: z.optional(dateText()),
    to: z.optional(dateText()),
    // The size of an amount, in or out: never negative.
    min: z.optional(sizeText()),
    max: z.optional(sizeText()),
    pending: z.optional(z.boolean()),
    review: z.optional(z.boolean()),
    limit: z._default(wholeNumber(1, 100_000), 50),
    offset: z._default(wholeNumber(0, 1_000_000_000), 0),
    sort: z._default(oneOf(['date', 'amount'] as const), 'date'),
    asc: z.optional(z.boolean()),
    csv: z.optional(z.boolean()),
  })
  .check(
    z.refine((o) => o.from === undefined || o.to === undefined || o.from <= o.to, {
      path: ['to'],
      error: 'must not be before --from',
    }),
    z.refine((o) => o.min === undefined || o.max === undefined || o.min <= o.max, {
      path: ['max'],
      error: 'must not be below --min',
    }),
  );

export default async function tx(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(TxOptions, command.opts(), 'tx');
  const rows = await queryTransactions(ctx, {
    account: o.account,
    category: o.category,
    merchant: o.merchant,
    search: o.search,
    from: o.from,
    to: o.to,
    minCents: o.min,
    maxCents: o.max,
    pendingOnly: o.pending === true,
    review: o.review === true,
    sort: o.sort,
    ascending: o.asc === true,
    limit: o.limit,
    offset: o.offset,
  });
  if (out.json) return out.data(rows.map((t) => transactionJson(t, t.splits)));
  if (o.csv) {
    // The CSV writer loads only here: the listing is the start-up figure of the bench.
    const { csvHeader, csvRows } = await import('../../core/export/transactions-csv');
    const names = new Map((await listAccounts(ctx.db)).map((a) => [a.id, a.name]));
    return void out.stdout.write(csvHeader() + csvRows(rows, names));
  }
  if (rows.length === 0) return out.line(o.review === true ? 'no split transactions to review' : 'no transactions match');
  out.line(
    renderTable(
      rows,
      [
        { header: 'ID', value: (t) => String(t.id), align: 'right' },
        { header: 'DATE', value: (t) => t.date },
        {
          header: 'AMOUNT',
          value: (t) => formatMoney(t.amountCents, t.currency),
          align: 'right',
          style: (s, t, c) => (t.amountCents < 0 ? s : c.green(s)),
        },
        // A split row keeps its largest part's category; tx show lists the parts.
        { header: 'CATEGORY', value: (t) => (t.splits === null ? t.category : `${t.category} (split)`) },
        { header: 'DESCRIPTION', value: (t) => clip(`${t.pending ? '(pending) ' : ''}${t.merchant ?? t.description}`, 48) },
        // A transfer between own accounts shows where the money went or came from.
        { header: 'ACCT', value: accountText },
      ],
      out.color,
    ),
  );
  if (o.review === true)
    out.line(
      out.color.dim(
        'the bank changed these amounts after they were split; each counts whole in its category until split again: finagg tx split <id> category=amount ... (or --clear)',
      ),
    );
}

function accountText(t: Transaction): string {
  if (t.transferAccountId === null) return String(t.accountId);
  return t.amountCents < 0 ? `${t.accountId} → ${t.transferAccountId}` : `${t.accountId} ← ${t.transferAccountId}`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
