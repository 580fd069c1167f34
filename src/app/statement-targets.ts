import { invalidInput } from '../core/errors';
import type { OpenedStatement } from '../core/statement/statement';
import type { AppContext } from './context';

/** A manual account as an import sees it. */
export interface ManualAccount {
  id: number;
  name: string;
  type: string;
  currency: string;
  /** The bank's number of the account its statements are of (remembered at the first import). */
  statementAccount: string | null;
}

export interface ImportTarget {
  statement: OpenedStatement;
  account: ManualAccount;
}

/**
 * Which manual account each statement of a file goes into. A statement goes where its
 * account number is remembered; one that no account remembers goes into the account the
 * person named, which then remembers it. `--statement <number>` picks one statement of a
 * file of several. A statement of a number that another account holds, or a second
 * unknown one, is refused with what the file holds: nothing lands in the wrong account.
 */
export function chooseTargets(
  ctx: AppContext,
  named: ManualAccount,
  statements: readonly OpenedStatement[],
  chosen: string | undefined,
): ImportTarget[] {
  const holders = manualAccountsByNumber(ctx);
  const list = () =>
    statements
      .map((s) => {
        const holder = s.accountNumber === null ? undefined : holders.get(s.accountNumber);
        return `${s.accountNumber ?? '(no number)'}${holder ? ` (${JSON.stringify(holder.name)})` : ''}`;
      })
      .join(', ');
  let picked = statements;
  if (chosen !== undefined) {
    picked = statements.filter((s) => s.accountNumber === chosen);
    if (picked.length === 0)
      throw invalidInput(
        statements.every((s) => s.accountNumber === null)
          ? `invalid --statement ${JSON.stringify(chosen)}: the file names no account numbers; leave --statement out`
          : `invalid --statement ${JSON.stringify(chosen)}: the file holds statements of accounts ${list()}`,
      );
  }
  const targets = picked.map((statement) => {
    const number = statement.accountNumber;
    const holder = number === null ? undefined : holders.get(number);
    return { statement, account: holder ?? null };
  });
  const unknown = targets.filter((t) => t.account === null);
  if (unknown.length > 1)
    throw invalidInput(
      `the file holds statements of ${statements.length} accounts: ${list()}; import one at a time with --statement <number> --account <name>`,
    );
  for (const t of unknown) {
    const number = t.statement.accountNumber;
    if (named.statementAccount === null || number === null || number === named.statementAccount) continue;
    if (statements.length > 1)
      throw invalidInput(
        `the file holds statements of accounts ${list()}; no account holds ${number} yet: import it with --statement ${number} --account <name>`,
      );
    throw invalidInput(
      `the statement is of account ${number}, and ${JSON.stringify(named.name)} holds the statements of account ${named.statementAccount}`,
      'import it into an account of its own (finagg accounts add), or check the file',
    );
  }
  // One statement whose number another account holds: refused, not put beside that account's rows.
  if (picked.length === 1 && targets[0]!.account !== null && targets[0]!.account.id !== named.id)
    throw invalidInput(
      `the statement is of account ${picked[0]!.accountNumber}, whose statements go into ${JSON.stringify(targets[0]!.account.name)}`,
      `import it there: --account ${JSON.stringify(targets[0]!.account.name)}`,
    );
  return targets.map((t) => ({ statement: t.statement, account: t.account ?? named }));
}

/** Manual accounts that remember a statement account number, by that number (the oldest first). */
function manualAccountsByNumber(ctx: AppContext): Map<string, ManualAccount> {
  const rows = ctx.sqlite
    .prepare(
      `SELECT id, name, type, currency, statement_account FROM accounts
       WHERE provider = 'manual' AND closed = 0 AND statement_account IS NOT NULL ORDER BY id`,
    )
    .all() as { id: number; name: string; type: string; currency: string; statement_account: string }[];
  const byNumber = new Map<string, ManualAccount>();
  for (const r of rows)
    if (!byNumber.has(r.statement_account)) byNumber.set(r.statement_account, { ...r, statementAccount: r.statement_account });
  return byNumber;
}

/** A statement's currency against its account's: a mismatch is refused before anything is written. */
export function checkCurrency(target: ImportTarget): void {
  const { statement, account } = target;
  if (statement.currency !== null && statement.currency !== account.currency)
    throw invalidInput(
      `the statement${statement.accountNumber ? ` of account ${statement.accountNumber}` : ''} is in ${statement.currency} and the account ${JSON.stringify(account.name)} in ${account.currency}`,
      'import it into an account of that currency (finagg accounts add --currency ...)',
    );
}
