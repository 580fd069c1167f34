import { Text } from 'ink';
import type { Account } from '../core/connection';
import { formatMoney } from '../core/money';
import type { Transaction } from '../core/transaction';
import { fit, fitRight } from './format';
import { Panel } from './Panel';
import { Row } from './Row';
import { useTheme } from './theme';
import type { TransactionFilterState, TransactionWindow } from './use-transactions';

export interface TransactionsPanelProps {
  window: TransactionWindow;
  filter: TransactionFilterState;
  accounts: readonly Account[];
  width: number;
  rows: number;
  focused: boolean;
}

/**
 * Columns by width: category from 56 cells inside, the account from 84; a transfer
 * between own accounts shows where the money went (→) or came from (←).
 */
export function transactionLine(t: Transaction, inner: number, names: ReadonlyMap<number, string>): string {
  const name = (id: number) => names.get(id) ?? String(id);
  const account =
    t.transferAccountId === null ? name(t.accountId) : `${t.amountCents < 0 ? '→' : '←'} ${name(t.transferAccountId)}`;
  const amount = fitRight(formatMoney(t.amountCents, t.currency), 12);
  const withCategory = inner >= 56;
  const withAccount = inner >= 84;
  const fixed = 5 + 1 + 1 + 12 + (withCategory ? 14 : 0) + (withAccount ? 19 : 0);
  const what = `${t.pending ? '* ' : ''}${t.merchant ?? t.description}`;
  return [
    t.date.slice(5),
    fit(what, Math.max(4, inner - fixed)),
    withCategory ? fit(t.category, 13) : undefined,
    withAccount ? fit(account, 18) : undefined,
    amount,
  ]
    .filter((x) => x !== undefined)
    .join(' ');
}

export function TransactionsPanel({ window: w, filter, accounts, width, rows, focused }: TransactionsPanelProps) {
  const { paint } = useTheme();
  const inner = width - 2;
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  // Short, so the title keeps the position in view at 80 columns.
  const filters = [filter.category, filter.search && `"${filter.search}"`].filter(Boolean);
  const position = w.rows.length > 0 ? `${w.cursor + 1}${w.hasMore ? '' : `/${w.offset + w.rows.length}`}` : undefined;
  const note = [...filters, position].filter(Boolean).join(' · ');
  return (
    <Panel title="Transactions" note={note || undefined} {...{ width, rows, focused }}>
      {w.loading && <Text dimColor>reading…</Text>}
      {!w.loading && w.rows.length === 0 && (
        <Text dimColor>{filters.length > 0 ? 'nothing matches (Esc clears)' : 'no transactions yet'}</Text>
      )}
      {w.rows.map((t, i) => {
        const isSelected = focused && w.offset + i === w.cursor;
        const line = transactionLine(t, inner, names);
        return <Row key={t.id} selected={isSelected} text={t.amountCents > 0 && !isSelected ? paint.green(line) : line} />;
      })}
    </Panel>
  );
}
