import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { upcoming } from '../../app/upcoming';
import { formatMoney, moneyToNumber } from '../../core/money';
import { plural } from '../../core/words';
import * as z from '../../validation/zod';
import { parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const UpcomingOptions = z.object({ days: wholeNumber(1, 366) });

export default async function upcomingAction(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(UpcomingOptions, command.opts(), 'upcoming');
  const u = await upcoming(ctx, o.days);
  const currencyOf = new Map(u.accounts.map((a) => [a.accountId, a.account.currency]));
  const cur = (accountId: number) => currencyOf.get(accountId) ?? 'USD';
  if (out.json)
    return out.data({
      items: u.items.map((i) => ({
        date: i.date,
        account_id: i.accountId,
        merchant: i.merchant,
        kind: i.kind,
        amount: moneyToNumber(i.amountCents, cur(i.accountId)),
        stream_id: i.streamId,
        late: i.late,
      })),
      accounts: u.accounts.map((a) => ({
        account_id: a.accountId,
        balance: moneyToNumber(a.balanceCents, a.account.currency),
        projected_low: moneyToNumber(a.lowCents, a.account.currency),
        projected_low_date: a.lowDate,
        projected_end: moneyToNumber(a.endCents, a.account.currency),
      })),
    });
  if (u.items.length === 0) out.line(`nothing recurring expected in the next ${plural(u.days, 'day')}`);
  else
    out.line(
      renderTable(
        u.items,
        [
          { header: 'DATE', value: (i) => `${i.date}${i.late ? ' (late)' : ''}` },
          { header: 'MERCHANT', value: (i) => i.merchant },
          { header: 'KIND', value: (i) => i.kind },
          {
            header: 'AMOUNT',
            value: (i) => formatMoney(i.amountCents, cur(i.accountId)),
            align: 'right',
            style: (s, i, c) => (i.amountCents < 0 ? s : c.green(s)),
          },
          { header: 'ACCT', value: (i) => String(i.accountId), align: 'right' },
        ],
        out.color,
      ),
    );
  out.line('');
  out.line(
    renderTable(
      u.accounts,
      [
        { header: 'ACCOUNT', value: (a) => `${a.accountId} ${a.account.name}` },
        { header: 'BALANCE', value: (a) => formatMoney(a.balanceCents, a.account.currency), align: 'right' },
        {
          header: `LOWEST IN ${plural(u.days, 'day').toUpperCase()}`,
          value: (a) => `${formatMoney(a.lowCents, a.account.currency)} on ${a.lowDate}`,
          align: 'right',
          style: (s, a, c) => (a.lowCents < 0 && a.account.type !== 'credit' ? c.red(s) : s),
        },
        { header: 'AT THE END', value: (a) => formatMoney(a.endCents, a.account.currency), align: 'right' },
      ],
      out.color,
    ),
  );
}
