import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { isCurrencyCode } from '../../core/fx/currency-codes';
import { formatRational, toNumber } from '../../core/fx/rational';
import { invalidInput } from '../../core/errors';
import { listRates } from '../../storage/rates-repo';
import * as z from '../../validation/zod';
import { dateText, parseOptions, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { renderTable } from '../render/table';

const currencyText = () =>
  z.pipe(
    z.string(),
    z.transform((text: string, ctx) => {
      const code = text.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(code) || !isCurrencyCode(code)) {
        ctx.issues.push({ code: 'custom', message: 'must be a currency code (ISO 4217) such as USD', input: text });
        return z.NEVER;
      }
      return code;
    }),
  );

const RatesOptions = z.object({
  currency: z.optional(currencyText()),
  from: z.optional(dateText()),
  to: z.optional(dateText()),
  limit: wholeNumber(1, 10_000_000),
});

/** `finagg rates`: stored rates, newest first. */
export default async function rates(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(RatesOptions, command.opts(), 'rates');
  if (o.from !== undefined && o.to !== undefined && o.from > o.to)
    throw invalidInput(`invalid --from ${o.from}: after --to ${o.to}`, 'see finagg rates --help');
  if (o.currency === 'EUR')
    throw invalidInput('invalid --currency "EUR": the euro is 1 per euro on every day', 'see finagg rates --help');
  const list = listRates(ctx.sqlite, o);
  if (out.json)
    return out.data(list.map((r) => ({ date: r.date, currency: r.currency, per_eur: toNumber(r.perEur), source: r.source })));
  if (list.length === 0) {
    const filtered = o.currency !== undefined || o.from !== undefined || o.to !== undefined;
    return out.line(filtered ? 'no stored rates match' : 'no rates stored: finagg rates update, or finagg rates import <file>');
  }
  out.line(
    renderTable(
      list,
      [
        { header: 'DATE', value: (r) => r.date },
        { header: 'CURRENCY', value: (r) => r.currency },
        { header: 'PER EUR', value: (r) => formatRational(r.perEur, 6), align: 'right' },
        { header: 'SOURCE', value: (r) => r.source },
      ],
      out.color,
    ),
  );
  if (list.length === o.limit) out.notice(out.color.dim(`the newest ${o.limit}; --limit shows more`));
}
