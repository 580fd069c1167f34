import { addDays, localDate } from '../core/dates';
import { AppError } from '../core/errors';
import type { Account } from '../core/connection';
import { findAccountRef, listAccounts } from '../storage/accounts-repo';
import { iterateTransactions, sumsFrom, type ExportRow } from '../storage/export-repo';
import type { AppContext } from './context';

export interface ExportRequest {
  /** Account id or name; every open account when absent. */
  account?: string;
  from?: string;
  to?: string;
}

export interface OpeningBalance {
  account: Account;
  date: string;
  /** The balance before the first exported row, so that the rows bring it to the account's. */
  cents: number;
}

export interface ExportData {
  accounts: Account[];
  /** One per account: its balance less every row dated from `from` on. */
  openings: OpeningBalance[];
  rows: Iterable<ExportRow>;
}

/**
 * `finagg export`: the stored transactions in a date range, oldest first, streamed, and
 * what a journal needs to agree with `finagg accounts`: each account's opening balance,
 * its balance less every row from `from` on (rows after `to` included, so the journal
 * ends at the balance the account had on `to`).
 */
export async function exportData(ctx: AppContext, request: ExportRequest): Promise<ExportData> {
  if (request.from !== undefined && request.to !== undefined && request.from > request.to)
    throw new AppError('invalid_input', `--from ${request.from} is after --to ${request.to}`);
  let accounts = await listAccounts(ctx.db);
  if (request.account !== undefined) {
    const found = await findAccountRef(ctx.db, request.account);
    if (!found) throw new AppError('not_found', `no account ${JSON.stringify(request.account)}`, 'see finagg accounts');
    accounts = accounts.filter((a) => a.id === found.id);
  }
  const ids = accounts.map((a) => a.id);
  const sums = sumsFrom(ctx.sqlite, ids, request.from);
  const today = localDate(ctx.clock.nowMs(), ctx.timeZone);
  const openings = accounts.map((account) => {
    const sum = sums.get(account.id);
    const first = request.from ?? sum?.firstDate ?? today;
    return { account, date: addDays(first, -1), cents: account.balanceCents - (sum?.cents ?? 0) };
  });
  return { accounts, openings, rows: iterateTransactions(ctx.sqlite, { accountIds: ids, from: request.from, to: request.to }) };
}
