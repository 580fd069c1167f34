import type { Command } from 'commander';
import type { AppContext } from '../../app/context';
import { addManualAccount } from '../../app/manual-accounts';
import { formatMoney } from '../../core/money';
import * as z from '../../validation/zod';
import { parseOptions, textValue } from '../options';
import type { Output } from '../render/output';
import { accountJson } from '../render/shapes';

const AddOptions = z.object({
  name: textValue(80),
  type: textValue(20),
  currency: textValue(3),
});

export default async function accountsAdd(ctx: AppContext, out: Output, command: Command): Promise<void> {
  const o = parseOptions(AddOptions, command.opts(), 'accounts add');
  const account = await addManualAccount(ctx, o);
  if (out.json) return out.data(accountJson(account));
  out.line(
    `account ${account.id}: ${account.name} (${account.type}, ${formatMoney(0, account.currency)}); fill it with: finagg import <file> --account ${account.id}`,
  );
}
