import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { currentStreams } from '../../app/recurring';
import { daysBetween, localDate } from '../../core/dates';
import { formatMoney, moneyToNumber } from '../../core/money';
import type { StoredStream } from '../../storage/streams-repo';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import { accountOption } from '../account-option';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const RecurringOptions = z.object({
  account: z.optional(textValue()),
  all: z.optional(z.boolean()),
});

/** The Stream shape of CLI.md. */
export function streamJson(s: StoredStream) {
  const money = (cents: number) => moneyToNumber(cents, s.currency);
  return {
    id: s.id,
    account_id: s.accountId,
    merchant: s.merchant,
    kind: s.kind,
    cadence: s.cadence,
    amount: money(s.amountCents),
    amount_min: money(s.amountMinCents),
    amount_max: money(s.amountMaxCents),
    currency: s.currency,
    first_date: s.firstDate,
    last_date: s.lastDate,
    last_amount: money(s.lastAmountCents),
    next_date: s.nextDate,
    status: s.status,
    ignored: s.ignoredAt !== null,
    transaction_ids: s.transactionIds,
    price_change: s.priceChange && {
      from: money(s.priceChange.fromCents),
      to: money(s.priceChange.toCents),
      date: s.priceChange.date,
      transaction_id: s.priceChange.transactionId,
      anomaly_id: s.priceAnomalyId,
    },
  };
}

/** Price rises within this many days are told under the table; older ones only in --json. */
const PRICE_NEWS_DAYS = 365;

export default async function recurring(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(RecurringOptions, command.opts(), 'recurring');
  const accountId = await accountOption(ctx, o.account);
  const streams = currentStreams(ctx, { accountId, all: o.all === true });
  if (out.json) return out.data(streams.map(streamJson));
  if (streams.length === 0) return out.line('no recurring streams found yet');
  const range = (s: StoredStream) =>
    s.amountMinCents === s.amountMaxCents
      ? ''
      : `${formatMoney(s.amountMinCents, s.currency)} to ${formatMoney(s.amountMaxCents, s.currency)}`;
  out.line(
    renderTable(
      streams,
      [
        { header: 'ID', value: (s) => String(s.id), align: 'right' },
        { header: 'NEXT', value: (s) => (s.status === 'ended' ? 'ended' : s.nextDate) },
        { header: 'MERCHANT', value: (s) => s.merchant },
        { header: 'KIND', value: (s) => s.kind },
        { header: 'CADENCE', value: (s) => s.cadence },
        { header: 'AMOUNT', value: (s) => formatMoney(s.amountCents, s.currency), align: 'right' },
        { header: 'RANGE', value: range },
        { header: 'SEEN', value: (s) => `${s.transactionIds.length} since ${s.firstDate}` },
        { header: 'ACCT', value: (s) => String(s.accountId), align: 'right' },
        { header: 'STATUS', value: (s) => `${s.status}${s.ignoredAt ? ', ignored' : ''}` },
      ],
      out.color,
    ),
  );
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  for (const s of streams) {
    const p = s.priceChange;
    if (!p || s.status === 'ended' || daysBetween(p.date, today) > PRICE_NEWS_DAYS) continue;
    const anomaly = s.priceAnomalyId === null ? '' : ` (anomaly ${s.priceAnomalyId}, see finagg anomalies)`;
    out.line(
      `${s.merchant} went up from ${formatMoney(Math.abs(p.fromCents), s.currency)} to ${formatMoney(Math.abs(p.toCents), s.currency)} on ${p.date}${anomaly}`,
    );
  }
}
