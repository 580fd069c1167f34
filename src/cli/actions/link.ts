import type { Command } from 'commander';
import { z } from 'zod';
import type { AppContext } from '../../app/context';
import { type ConsentRequest, findProvider, linkBank } from '../../app/link';
import { AppError } from '../../core/errors';
import type { CliIO } from '../io';
import { parseOptions, textValue } from '../options';
import { askYesNo } from '../prompt';
import { renderAccounts } from '../render/accounts-table';
import type { Output } from '../render/output';
import { accountJson, connectionJson } from '../render/shapes';

const LinkArgs = z.object({ '<provider>': textValue(40), yes: z.boolean().optional(), sync: z.boolean() });

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
  for (const reason of result.skippedAccounts) out.notice(out.color.yellow(`skipped an account the bank sent malformed: ${reason}`));
  if (out.json) return out.data({ connection: connectionJson(result.connection), accounts: result.accounts.map(accountJson) });
  out.line(
    `${result.repaired ? 'Relinked' : 'Linked'} ${result.connection.provider} (connection ${result.connection.id}) with ${result.accounts.length} account${result.accounts.length === 1 ? '' : 's'}:`,
  );
  out.line(renderAccounts(result.accounts, out.color));
}

function describeScope(scope: string): string {
  const known: Record<string, string> = {
    'accounts:read': 'read your accounts and balances',
    'transactions:read': 'read your transactions',
  };
  return known[scope] ?? scope;
}
