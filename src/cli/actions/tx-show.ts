import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { transactionDetail } from '../../app/transaction-detail';
import { formatMoney } from '../../core/money';
import { partsCount } from '../../core/split';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { transactionJson } from '../render/shapes';

const ShowArgs = z.object({ '<id>': wholeNumber(1, Number.MAX_SAFE_INTEGER) });

export default async function txShow(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const { '<id>': id } = parseOptions(ShowArgs, { '<id>': command.args[0] }, 'tx show');
  const d = await transactionDetail(ctx, id);
  const other = d.transfer;
  const parts = d.splits;
  const currency = d.transaction.currency;
  if (out.json)
    return out.data({
      ...transactionJson(d.transaction, parts),
      category_source: d.categorySource,
      learned_from: d.learnedFrom,
      memo: d.memo,
      transfer: other && {
        transaction_id: other.transactionId,
        account_id: other.accountId,
        date: other.date,
        confidence: other.confidence,
        source: other.source,
      },
    });
  const t = d.transaction;
  const rows: [string, string][] = [
    ['id', String(t.id)],
    ['date', t.date + (t.pending ? ' (pending)' : '')],
    ['amount', formatMoney(t.amountCents, t.currency)],
    ['account', `${d.accountName} (${t.accountId})`],
    ['description', t.description],
    ...(d.memo ? ([['memo', d.memo]] as [string, string][]) : []),
    ['merchant', t.merchant ?? ''],
    [
      'category',
      `${t.category} (${d.learnedFrom ? `learned from your edits of ${d.learnedFrom.join(', ')}` : d.categorySource})`,
    ],
    ...(parts.length > 0
      ? ([
          [
            'split',
            parts.map((p) => `${p.category} ${formatMoney(p.cents, currency)}`).join(', ') +
              (partsCount(parts, d.transaction.amountCents)
                ? ''
                : ` (the bank changed the amount since: these parts are not counted; split it again with finagg tx split ${id})`),
          ],
        ] as [string, string][])
      : []),
    ...(other
      ? ([
          [
            'transfer',
            `${t.amountCents < 0 ? 'to' : 'from'} ${other.accountName} (${other.accountId}), transaction ${other.transactionId} on ${other.date}; ${other.source === 'user' ? 'paired by you' : `paired at ${Math.round(other.confidence * 100)}%`}`,
          ],
        ] as [string, string][])
      : []),
    ['note', t.note ?? ''],
    ['bank id', d.providerTxnId ?? ''],
    ['first seen', d.createdAt],
    ['last changed', d.updatedAt],
  ];
  if (d.removed) rows.push(['removed', 'yes: withdrawn by the bank']);
  for (const [label, value] of rows) out.line(`${out.color.dim(label.padEnd(13))}${value}`);
}
