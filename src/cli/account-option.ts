import type { AppContext } from '../app/context';
import { AppError } from '../core/errors';
import { findAccountRef } from '../storage/accounts-repo';

/** `--account <id or name>` of a list command: the account's id, or undefined when not given. */
export async function accountOption(ctx: AppContext, ref: string | undefined): Promise<number | undefined> {
  if (ref === undefined) return undefined;
  const found = await findAccountRef(ctx.db, ref);
  if (!found) throw new AppError('invalid_input', `--account: no account ${JSON.stringify(ref)}`, 'see finagg accounts');
  return found.id;
}
