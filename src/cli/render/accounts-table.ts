import type { ChalkInstance } from 'chalk';
import { type Account, netWorth } from '../../core/connection';
import { formatMoney } from '../../core/money';
import { renderTable } from './table';

/** Accounts with their balances, then one net-worth line per currency. */
export function renderAccounts(accounts: readonly Account[], color: ChalkInstance): string {
  const table = renderTable(
    accounts,
    [
      { header: 'ID', value: (a) => String(a.id), align: 'right' },
      { header: 'BANK', value: (a) => a.provider },
      { header: 'NAME', value: (a) => a.name },
      { header: 'TYPE', value: (a) => a.type },
      {
        header: 'BALANCE',
        value: (a) => formatMoney(a.balanceCents, a.currency),
        align: 'right',
        style: (s, a, c) => (a.balanceCents < 0 ? c.red(s) : s),
      },
      ...(accounts.some((a) => a.availableBalanceCents !== null)
        ? [
            {
              header: 'AVAILABLE',
              value: (a: Account) => (a.availableBalanceCents === null ? '' : formatMoney(a.availableBalanceCents, a.currency)),
              align: 'right' as const,
            },
          ]
        : []),
      // When the bank says its balance was true (SimpleFIN's balance-date), if it says.
      ...(accounts.some((a) => a.balanceDate !== null)
        ? [{ header: 'BALANCE AS OF', value: (a: Account) => a.balanceDate?.slice(0, 16).replace('T', ' ') ?? '' }]
        : []),
      { header: 'SYNCED', value: (a) => a.lastSyncedAt?.slice(0, 16).replace('T', ' ') ?? 'never' },
    ],
    color,
  );
  const totals = [...netWorth(accounts)].map(([currency, cents]) => `Net worth (${currency}): ${formatMoney(cents, currency)}`);
  return [table, '', ...totals.map((t) => color.bold(t))].join('\n');
}
