import { Text } from 'ink';
import type { TransactionDetail } from '../app/transaction-detail';
import { formatMoney } from '../core/money';
import { fit } from './format';
import { Panel } from './Panel';
import { splitLines } from './split-lines';

export function DetailDialog({ detail, width, rows }: { detail: TransactionDetail | undefined; width: number; rows: number }) {
  if (!detail)
    return (
      <Panel title="Transaction" width={width} rows={rows} focused>
        <Text dimColor>reading…</Text>
      </Panel>
    );
  const t = detail.transaction;
  const fields: [string, string][] = [
    ['id', String(t.id)],
    ['date', t.date],
    ['amount', formatMoney(t.amountCents, t.currency)],
    ['description', t.description],
    ['merchant', t.merchant ?? '—'],
    ['category', `${t.category} (set by ${detail.categorySource})`],
    ...splitLines(t, detail.splits),
    ['account', detail.accountName],
    ...(detail.transfer
      ? ([
          [
            t.amountCents < 0 ? 'transfer to' : 'transfer from',
            `${detail.transfer.accountName} (transaction ${detail.transfer.transactionId}, ${detail.transfer.date}, ${detail.transfer.source === 'user' ? 'paired by you' : `${Math.round(detail.transfer.confidence * 100)}% sure`})`,
          ],
        ] as [string, string][])
      : []),
    ['status', t.pending ? 'pending' : 'posted'],
    ['note', t.note ?? '—'],
    ['bank id', detail.providerTxnId ?? '—'],
    ['added', detail.createdAt],
    ['changed', detail.updatedAt],
  ];
  return (
    <Panel title={`Transaction ${t.id}`} note="e change category · Esc closes" width={width} rows={rows} focused>
      {/* By position: a split's second and later parts have no label of their own. */}
      {fields.slice(0, rows).map(([k, v], i) => (
        <Text key={i} wrap="truncate">
          <Text bold>{fit(k, 13)}</Text>
          {v}
        </Text>
      ))}
    </Panel>
  );
}
