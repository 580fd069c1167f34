import type { AppContext } from '../../app/context';
import { listAccounts } from '../../storage/accounts-repo';
import { renderAccounts } from '../render/accounts-table';
import type { Output } from '../render/output';
import { accountJson } from '../render/shapes';

export default async function accounts(ctx: AppContext, out: Output): Promise<void> {
  const rows = await listAccounts(ctx.db);
  if (out.json) return out.data(rows.map(accountJson));
  if (rows.length === 0) return out.line('no accounts yet (link a bank: finagg link <bank>)');
  out.line(renderAccounts(rows, out.color));
}
