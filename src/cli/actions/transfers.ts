import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { listTransfers, reviewCandidates, type TransferView } from '../../app/transfers';
import { formatMoney, moneyToNumber } from '../../core/money';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import { accountOption } from '../account-option';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const TransferOptions = z.object({
  account: z.optional(textValue()),
  review: z.optional(z.boolean()),
});

/** The Transfer shape of CLI.md. */
export function transferJson(t: TransferView) {
  return {
    id: t.id,
    out_transaction_id: t.outTransactionId,
    in_transaction_id: t.inTransactionId,
    from_account_id: t.fromAccountId,
    to_account_id: t.toAccountId,
    amount: moneyToNumber(t.amountCents, t.currency),
    currency: t.currency,
    out_date: t.outDate,
    in_date: t.inDate,
    confidence: t.confidence,
    source: t.source,
    reasons: t.reasons,
  };
}

export default async function transfers(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(TransferOptions, command.opts(), 'transfers');
  const accountId = await accountOption(ctx, o.account);
  const list = o.review === true ? reviewCandidates(ctx, accountId) : listTransfers(ctx, accountId);
  if (out.json) return out.data(list.map(transferJson));
  if (list.length === 0) return out.line(o.review === true ? 'no transfers to review' : 'no transfers paired yet');
  const c = out.color;
  out.line(
    renderTable(
      list,
      [
        ...(o.review === true ? [] : [{ header: 'ID', value: (t: TransferView) => String(t.id), align: 'right' as const }]),
        { header: 'OUT', value: (t) => `${t.outDate} #${t.outTransactionId}` },
        { header: 'FROM', value: (t) => t.fromAccount },
        { header: 'IN', value: (t) => `${t.inDate} #${t.inTransactionId}` },
        { header: 'TO', value: (t) => t.toAccount },
        { header: 'AMOUNT', value: (t) => formatMoney(t.amountCents, t.currency), align: 'right' },
        {
          header: 'CONFIDENCE',
          value: (t) => `${Math.round(t.confidence * 100)}%${t.source === 'user' ? ' (you)' : ''}`,
          align: 'right',
          style: (text, t) => (t.confidence < 0.7 ? c.yellow(text) : text),
        },
      ],
      c,
    ),
  );
  if (o.review === true) out.line(c.dim('pair one by hand with: finagg tx edit <out-id> --transfer <in-id>'));
}
