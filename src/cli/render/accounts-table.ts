import type { ChalkInstance } from 'chalk';
import { type Account, netWorth } from '../../core/connection';
import { formatMoney } from '../../core/money';
import { renderTable } from './table';
import { type HomeValues, missingRateHint } from '../../app/fx/account-values';

/**
 * Accounts with their balances, then the net worth: one line in the home currency (with
 * the day of the rates) when accounts hold more than one currency, the per-currency
 * totals beside it.
 */
export function renderAccounts(accounts: readonly Account[], color: ChalkInstance, values?: HomeValues): string {
  const currencies = new Set(accounts.map((a) => a.currency));
  const converted = values !== undefined && (currencies.size > 1 || !currencies.has(values.home));
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
      // Each balance in the home currency, where a rate says what it is worth.
      ...(converted
        ? [
            {
              header: `IN ${values!.home}`,
              value: (a: Account) => {
                if (a.currency === values!.home) return '';
                const cents = values!.byAccount.get(a.id);
                return cents === null || cents === undefined ? 'no rate' : formatMoney(cents, values!.home);
              },
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
  if (!converted) return [table, '', ...totals.map((t) => color.bold(t))].join('\n');
  const v = values!;
  const rates =
    v.rateDate === null ? '' : ` at the rates of ${v.rateDate}${v.old ? color.yellow(' (old: finagg rates update)') : ''}`;
  const lines = [color.bold(`Net worth: ${formatMoney(v.netWorthCents, v.home)}`) + color.dim(` (${v.home}${rates})`)];
  if (v.missing.length > 0) lines.push(color.yellow(`not counted: ${missingRateHint(v.missing)}`));
  return [table, '', ...lines, ...totals.map((t) => color.dim(t))].join('\n');
}
