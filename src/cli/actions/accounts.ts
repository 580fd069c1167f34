import type { AppContext } from '../../app/context';
import { homeValues } from '../../app/fx/account-values';
import { chosenNotice } from '../../app/fx/home-currency';
import { listAccounts } from '../../storage/accounts-repo';
import { renderAccounts } from '../render/accounts-table';
import type { Output } from '../render/output';
import { accountJson } from '../render/shapes';

export default async function accounts(ctx: AppContext, out: Output): Promise<void> {
  const rows = await listAccounts(ctx.db);
  const values = await homeValues(ctx, rows);
  if (values.chosen) out.notice(chosenNotice(values.home));
  if (out.json) return out.data(rows.map((a) => accountJson(a, values)));
  if (rows.length === 0) return out.line('no accounts yet (link a bank: finagg link <bank>)');
  out.line(renderAccounts(rows, out.color, values));
}
