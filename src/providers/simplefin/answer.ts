import { type AnswerNotices, readNotices } from './notices';
import { accountShellSchema, type SimpleFinAccountSet } from './schema';
import type { Resolved } from './currencies';
import { displayText } from '../../core/display-text';
import type { Window } from './windows';

/**
 * One `GET /accounts` answer, routed: each account's transactions under its id (ids are
 * unique within an account only, so they never leave their account), the account itself
 * without its transactions, and what the answer said.
 */
export interface RoutedAnswer {
  window: Window | null;
  accounts: Map<string, RoutedAccount>;
  /** Accounts too malformed to route; their normalizing reports why. */
  malformed: unknown[];
  notices: AnswerNotices;
  /** performance.now() when it arrived. */
  receivedAt: number;
}

export interface RoutedAccount {
  /** The account object without `transactions`. */
  raw: Record<string, unknown>;
  connId: string | null;
  institution: string | null;
  /** The raw `currency` field (an ISO code or a custom currency's URL). */
  currencyField: string;
  transactions: unknown[];
}

export function routeAnswer(set: SimpleFinAccountSet, window: Window | null): RoutedAnswer {
  const connectionNames = new Map<string, string>();
  for (const c of set.connections ?? []) {
    const name = c.org_name ?? c.name;
    if (name) connectionNames.set(c.conn_id, name);
  }
  const accounts = new Map<string, RoutedAccount>();
  const malformed: unknown[] = [];
  for (const item of set.accounts) {
    const shell = accountShellSchema.safeParse(item);
    if (!shell.success || typeof item !== 'object' || item === null) {
      malformed.push(item);
      continue;
    }
    const { transactions, ...rest } = shell.data;
    const connId = shell.data.conn_id ?? null;
    const institution =
      (connId !== null ? connectionNames.get(connId) : undefined) ??
      shell.data.conn_name ??
      shell.data.org?.name ??
      shell.data.org?.domain ??
      null;
    const routed: RoutedAccount = {
      raw: rest,
      connId,
      institution: institution === null ? null : displayText(institution, 60) || null,
      currencyField: shell.data.currency,
      transactions: transactions ?? [],
    };
    // The same account twice in one answer: its transactions are one list.
    const known = accounts.get(shell.data.id);
    if (known) known.transactions.push(...routed.transactions);
    else accounts.set(shell.data.id, routed);
  }
  return { window, accounts, malformed, notices: readNotices(set), receivedAt: performance.now() };
}

/** Transactions in the answer, over all accounts (or the listed ones). */
export function transactionCount(answer: RoutedAnswer, accountIds?: readonly string[]): number {
  let count = 0;
  for (const [id, account] of answer.accounts) if (!accountIds || accountIds.includes(id)) count += account.transactions.length;
  return count;
}
