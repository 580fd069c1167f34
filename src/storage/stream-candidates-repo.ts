import type { Database as SqliteDatabase } from 'better-sqlite3';
import type { RecurringRow } from '../core/recurring/detect';
import { daysBetween } from '../core/dates';
import { isTransferKey, merchantKey, transferKey } from '../core/recurring/payee-key';
import { PAYEE_ID_OF, PayeeIds, payeeKeyOf } from './payees-repo';

/** Rows of a payee seen this often a month or less may be a stream; a daily coffee is not. */
const MAX_PER_MONTH = 6;
const QUALIFIES = `count(*) <= ${MAX_PER_MONTH} * (julianday(max(date)) - julianday(min(date)) + 31) / 30.4`;

/**
 * The live rows of every payee that could be a stream: posted, of payees (account,
 * direction, payee key) that come at most weekly-and-a-bit on average, and every paired
 * transfer (grouped by the other account, so a monthly sweep is one payee). One grouped
 * pass names the rows and they are read by id (joining the groups back to the table ran a
 * scan per group: 40 s at a million rows).
 */
export function allCandidates(sqlite: SqliteDatabase): RecurringRow[] {
  fillPayeeKeys(sqlite);
  const lists = sqlite
    .prepare(
      `SELECT json_group_array(id) FROM transactions
       WHERE removed = 0 AND pending = 0 AND transfer_id IS NULL
       GROUP BY account_id, payee_id, amount_cents > 0 HAVING ${QUALIFIES}`,
    )
    .pluck()
    .all() as string[];
  return readRows(sqlite, [...idsOf(lists), ...pairedIds(sqlite)]);
}

/**
 * The candidate rows of some groups only (`account|payee`, as core/recurring rowGroup
 * and streamGroup name them): each payee's rows read through the payee index, each paired
 * transfer's through `transfers`.
 */
export function groupCandidates(sqlite: SqliteDatabase, groups: ReadonlySet<string>): RecurringRow[] {
  const payee = `FROM transactions INDEXED BY transactions_payee
    WHERE account_id = ? AND payee_id = ${PAYEE_ID_OF} AND removed = 0 AND pending = 0 AND (amount_cents > 0) = ?
      AND transfer_id IS NULL`;
  const first = sqlite.prepare(`SELECT date ${payee} ORDER BY date LIMIT 1`).pluck();
  const last = sqlite.prepare(`SELECT date ${payee} ORDER BY date DESC LIMIT 1`).pluck();
  const upTo = sqlite.prepare(`SELECT count(*) FROM (SELECT 1 ${payee} LIMIT ?)`).pluck();
  const ids = sqlite.prepare(`SELECT id ${payee}`).pluck();
  const lists: number[][] = [];
  let transfers = false;
  for (const group of groups) {
    const bar = group.indexOf('|');
    const account = Number(group.slice(0, bar));
    const payeeKey = group.slice(bar + 1);
    if (isTransferKey(payeeKey)) {
      transfers = true;
      continue;
    }
    for (const direction of [0, 1]) {
      const from = first.get(account, payeeKey, direction) as string | undefined;
      if (from === undefined) continue;
      // QUALIFIES from the payee's first and last date and a count that stops past the
      // most it may hold: a daily coffee of 40,000 rows is ruled out after a few hundred.
      const most = Math.floor(
        (MAX_PER_MONTH * (daysBetween(from, last.get(account, payeeKey, direction) as string) + 31)) / 30.4,
      );
      if ((upTo.get(account, payeeKey, direction, most + 1) as number) <= most)
        lists.push(ids.all(account, payeeKey, direction) as number[]);
    }
  }
  const rows = readRows(sqlite, lists.flat());
  if (!transfers) return rows;
  const paired = readRows(sqlite, pairedIds(sqlite)).filter((r) =>
    groups.has(`${r.accountId}|${transferKey(r.transferAccountId!)}`),
  );
  return [...rows, ...paired];
}

/**
 * The groups of what changed since the streams were found (rows above the watermark, rows
 * the triggers marked): the groups they are in now, and the ones the marked rows were in
 * before (their old account and payee, or the other account of the pair they left).
 * Rows whose merchant changed get their new payee key here.
 */
export function changedGroups(sqlite: SqliteDatabase, rowsThrough: number): Set<string> {
  const groups = new Set<string>();
  for (const d of sqlite.prepare('SELECT transaction_id, account_id, payee_key, other_account FROM stream_dirty').all() as {
    transaction_id: number;
    account_id: number;
    payee_key: string | null;
    other_account: number | null;
  }[]) {
    if (d.payee_key !== null) groups.add(`${d.account_id}|${d.payee_key}`);
    if (d.other_account !== null) groups.add(`${d.account_id}|${transferKey(d.other_account)}`);
  }
  // New rows by their id range, marked ones by id: two searches of the primary key.
  const select = `SELECT id, account_id, merchant, description, ${payeeKeyOf('l')} AS payee_key, ${OTHER_ACCOUNT} AS other
    FROM transactions l`;
  const rows = [
    ...sqlite.prepare(`${select} WHERE l.id > ?`).all(rowsThrough),
    ...sqlite.prepare(`${select} WHERE l.id IN (SELECT transaction_id FROM stream_dirty) AND l.id <= ?`).all(rowsThrough),
  ] as {
    id: number;
    account_id: number;
    merchant: string | null;
    description: string;
    payee_key: string | null;
    other: number | null;
  }[];
  const payees = new PayeeIds(sqlite);
  const rekey = sqlite.prepare('UPDATE transactions SET payee_id = ? WHERE id = ?');
  for (const r of rows) {
    // A merchant renamed (by the bank, a rule or the person) moves the row to another payee.
    const key = merchantKey(r.merchant, r.description);
    if (key !== r.payee_key) rekey.run(payees.idOf(key), r.id);
    groups.add(`${r.account_id}|${key}`);
    if (r.other !== null) groups.add(`${r.account_id}|${transferKey(r.other)}`);
  }
  return groups;
}

/** Forgets the marks once the streams they touched are found again. */
export function clearChanged(sqlite: SqliteDatabase): void {
  sqlite.prepare('DELETE FROM stream_dirty').run();
}

/** Whether anything changed since the streams were found (free to ask: a rowid maximum and one probe). */
export function hasChanged(sqlite: SqliteDatabase, rowsThrough: number): boolean {
  return lastRowId(sqlite) > rowsThrough || sqlite.prepare('SELECT 1 FROM stream_dirty LIMIT 1').get() !== undefined;
}

export function changedCount(sqlite: SqliteDatabase, rowsThrough: number): number {
  return (
    Math.max(0, lastRowId(sqlite) - rowsThrough) + (sqlite.prepare('SELECT count(*) FROM stream_dirty').pluck().get() as number)
  );
}

export function lastRowId(sqlite: SqliteDatabase): number {
  return (sqlite.prepare('SELECT max(id) FROM transactions').pluck().get() as number | null) ?? 0;
}

/** Rows stored before payee keys were kept get theirs (once, at the first full detection). */
function fillPayeeKeys(sqlite: SqliteDatabase): void {
  const payees = new PayeeIds(sqlite);
  const rekey = sqlite.prepare('UPDATE transactions SET payee_id = ? WHERE id = ?');
  // Pages by id: the connection cannot write while it iterates a read.
  const page = sqlite.prepare(
    'SELECT id, merchant, description FROM transactions WHERE id > ? AND payee_id IS NULL ORDER BY id LIMIT 20000',
  );
  for (let after = 0; ;) {
    const rows = page.all(after) as { id: number; merchant: string | null; description: string }[];
    if (rows.length === 0) return;
    for (const r of rows) rekey.run(payees.idOf(merchantKey(r.merchant, r.description)), r.id);
    after = rows[rows.length - 1]!.id;
  }
}

/** The other account of a paired row `l`. */
const OTHER_ACCOUNT = `CASE WHEN l.transfer_id IS NULL THEN NULL ELSE (
  SELECT q.account_id FROM transfers p
  JOIN transactions q ON q.id = CASE WHEN p.out_transaction_id = l.id THEN p.in_transaction_id ELSE p.out_transaction_id END
  WHERE p.id = l.transfer_id) END`;

function pairedIds(sqlite: SqliteDatabase): number[] {
  return sqlite
    .prepare('SELECT out_transaction_id FROM transfers UNION ALL SELECT in_transaction_id FROM transfers')
    .pluck()
    .all() as number[];
}

function idsOf(lists: readonly string[]): number[] {
  return lists.flatMap((list) => JSON.parse(list) as number[]);
}

function readRows(sqlite: SqliteDatabase, ids: readonly number[]): RecurringRow[] {
  if (ids.length === 0) return [];
  return sqlite
    .prepare(
      `SELECT l.id, l.account_id AS accountId, l.date, l.amount_cents AS amountCents, l.currency, l.merchant, l.description,
         coalesce((SELECT c.parent FROM categories c WHERE c.name = l.category), l.category) AS category,
         ${OTHER_ACCOUNT} AS transferAccountId
       FROM transactions l WHERE l.id IN (SELECT value FROM json_each(?)) AND l.removed = 0 AND l.pending = 0`,
    )
    .all(JSON.stringify(ids)) as RecurringRow[];
}
