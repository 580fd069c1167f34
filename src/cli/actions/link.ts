import type { Command } from 'commander';
import * as z from '../../validation/zod';
import type { AppContext } from '../../app/context';
import { type ConsentRequest, findProvider, linkBank } from '../../app/link';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import { askYesNo } from '../prompt';
import { renderAccounts } from '../render/accounts-table';
import type { Output } from '../render/output';
import { syncProgress } from '../render/progress';
import { accountJson, connectionJson, syncRunJson } from '../render/shapes';
import { syncAccounts } from '../../app/sync';
import { listConnectionAccounts } from '../../storage/accounts-repo';
import { renderSyncRuns } from '../render/sync-table';

const LinkArgs = z.object({ '<provider>': textValue(40), yes: z.optional(z.boolean()), sync: z.boolean() });

export default async function link(ctx: AppContext, out: Output, command: Command, io: CliIO): Promise<void> {
  const o = parseOptions(LinkArgs, { ...command.opts(), '<provider>': command.args[0] }, 'link');
  findProvider(ctx, o['<provider>']); // an unknown bank is refused before any prompt
  const confirm = async (consent: ConsentRequest): Promise<boolean> => {
    if (o.yes) return true;
    if (!io.stdin.isTTY) {
      throw new AppError('usage', `cannot ask for consent to link ${consent.bankName}: no terminal`, 'approve with --yes');
    }
    out.notice(`\n${out.color.bold(consent.bankName)} asks you to allow finagg to:`);
    for (const scope of consent.scopes) out.notice(`  - ${describeScope(scope)} (${scope})`);
    out.notice(out.color.dim(`  at ${consent.endpoint}`));
    return askYesNo(io, 'Approve? [y/N] ');
  };
  const result = await linkBank(ctx, { providerId: o['<provider>'], confirm });
  for (const reason of result.skippedAccounts)
    out.notice(out.color.yellow(`skipped an account the bank sent malformed: ${reason}`));
  // The first sync, unless asked not to: a linked bank with no history is of little use.
  const runs = o.sync
    ? await syncAccounts(ctx, {
        connection: String(result.connection.id),
        full: false,
        trigger: 'manual',
        onProgress: syncProgress(out),
      })
    : [];
  // Balances as the sync left them.
  const accounts = runs.length > 0 ? await listConnectionAccounts(ctx.db, result.connection.id) : result.accounts;
  if (out.json) {
    const body: Record<string, unknown> = { connection: connectionJson(result.connection), accounts: accounts.map(accountJson) };
    if (o.sync) body.runs = runs.map(syncRunJson);
    return out.data(body);
  }
  const count = `${accounts.length} account${accounts.length === 1 ? '' : 's'}`;
  out.line(
    `${result.repaired ? 'Relinked' : 'Linked'} ${result.connection.provider} (connection ${result.connection.id}) with ${count}:`,
  );
  out.line(renderAccounts(accounts, out.color));
  if (runs.length > 0) {
    out.line();
    out.line(renderSyncRuns(runs, new Map(accounts.map((a) => [a.id, a.name])), out.color));
  }
}

function describeScope(scope: string): string {
  const known: Record<string, string> = {
    'accounts:read': 'read your accounts and balances',
    'transactions:read': 'read your transactions',
  };
  return known[scope] ?? scope;
}
