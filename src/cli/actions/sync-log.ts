import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { AppError } from '../../core/errors';
import { findAccountRef, listAccounts } from '../../storage/accounts-repo';
import { listSyncRuns } from '../../storage/sync-runs-repo';
import { parseOptions, textValue, wholeNumber } from '../options';
import type { Output } from '../render/output';
import { syncRunJson } from '../render/shapes';
import { renderSyncRuns } from '../render/sync-table';

const SyncLogOptions = z.object({ account: z.optional(textValue()), limit: z._default(wholeNumber(1, 10_000), 20) });

export default async function syncLog(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(SyncLogOptions, command.opts(), 'sync-log');
  let accountId: number | undefined;
  if (o.account !== undefined) {
    const found = await findAccountRef(ctx.db, o.account);
    if (!found) throw new AppError('not_found', `no account ${JSON.stringify(o.account)}`, 'see finagg accounts');
    accountId = found.id;
  }
  const runs = await listSyncRuns(ctx.db, { accountId, limit: o.limit });
  if (out.json) return out.data(runs.map(syncRunJson));
  if (runs.length === 0) return out.line('no syncs yet (finagg sync)');
  const names = new Map((await listAccounts(ctx.db)).map((a) => [a.id, `${a.provider} ${a.name}`]));
  out.line(renderSyncRuns(runs, names, out.color));
}
