import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { listAccounts } from '../../storage/accounts-repo';
import { listSyncRuns } from '../../storage/sync-runs-repo';
import { parseOptions, textValue, wholeNumber } from '../options';
import { accountOption } from '../account-option';
import type { Output } from '../render/output';
import { syncRunJson } from '../render/shapes';
import { renderSyncRuns } from '../render/sync-table';

const SyncLogOptions = z.object({ account: z.optional(textValue()), limit: z._default(wholeNumber(1, 10_000), 20) });

export default async function syncLog(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(SyncLogOptions, command.opts(), 'sync-log');
  const accountId = await accountOption(ctx, o.account);
  const runs = await listSyncRuns(ctx.db, { accountId, limit: o.limit });
  if (out.json) return out.data(runs.map(syncRunJson));
  if (runs.length === 0) return out.line('no syncs yet (finagg sync)');
  const names = new Map((await listAccounts(ctx.db)).map((a) => [a.id, `${a.provider} ${a.name}`]));
  out.line(renderSyncRuns(runs, names, out.color));
}
