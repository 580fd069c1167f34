import type Database from 'better-sqlite3';
import type { TransferCandidate, TransferRow } from '../core/transfer-match';
import { DAYS_AFTER, DAYS_BEFORE } from '../core/transfer-match';
import { CATEGORY_SOURCE_CODE, storedMs } from './transaction-columns';

/**
 * Rows that may be transfers, their counterparts by amount and date (the
 * transactions_amount_date index), and the pairs made. Synchronous: pairing runs inside
 * the sync's own flow and writes in one transaction.
 */
const ROW = `
  SELECT t.id, t.account_id AS accountId, a.type AS accountType, a.provider_account_id AS providerAccountId,
         t.currency, t.amount_cents AS amountCents, t.date, t.description
  FROM transactions t JOIN accounts a ON a.id = t.account_id`;

interface RawRow extends Omit<TransferRow, 'accountMask'> {
  providerAccountId: string | null;
}

/** The last four digits of the account's own id, as other statements print it. */
function toRow(raw: RawRow): TransferRow {
  const digits = (raw.providerAccountId ?? '').replace(/\D/g, '');
  const { providerAccountId: _id, ...rest } = raw;
  return { ...rest, accountMask: digits.length >= 4 ? digits.slice(-4) : null };
}

/** How far back a row that changed since the last pairing may be dated (a pending charge posting late). */
const RECENT_DAYS = 30;

const shift = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A row that may still be paired: posted, not removed, in no pair, not refused by the person. */
const FREE = 't.removed = 0 AND t.pending = 0 AND t.transfer_id IS NULL AND t.transfer_lock = 0';

export class TransferStore {
  private readonly freshIn: Database.Statement;
  private readonly freshOut: Database.Statement;
  private readonly matches: Database.Statement;
  private readonly state: Database.Statement;
  private readonly insert: Database.Statement;
  private readonly mark: Database.Statement;
  private readonly advance: Database.Statement;

  constructor(private readonly sqlite: Database.Database) {
    // New rows by the rowid range; rows changed since (a pending charge that posted) among
    // the recent dates, by the date index: an OR of the two would scan the whole table.
    const fresh = (sign: string) =>
      `${ROW} WHERE ${FREE} AND t.amount_cents ${sign} 0 AND t.id > ?
       UNION
       ${ROW.replace('FROM transactions t', 'FROM transactions t INDEXED BY transactions_flow')}
       WHERE ${FREE} AND t.amount_cents ${sign} 0 AND t.date >= ? AND t.updated_at > ?
       ORDER BY 1`;
    this.freshIn = sqlite.prepare(fresh('>'));
    this.freshOut = sqlite.prepare(fresh('<'));
    this.matches = sqlite.prepare(
      `${ROW} WHERE t.amount_cents = ? AND t.date BETWEEN ? AND ? AND ${FREE} AND t.currency = ? AND t.account_id <> ?`,
    );
    this.state = sqlite.prepare('SELECT paired_through AS through, paired_at AS at FROM transfer_state WHERE id = 1');
    this.insert = sqlite.prepare(
      `INSERT INTO transfers (out_transaction_id, in_transaction_id, confidence, source, reasons, created_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    );
    this.mark = sqlite.prepare(
      `UPDATE transactions SET transfer_id = ?, category = 'transfer',
         category_src = CASE WHEN category_src = ${CATEGORY_SOURCE_CODE.user} THEN ${CATEGORY_SOURCE_CODE.user}
           ELSE ${CATEGORY_SOURCE_CODE.builtin} END, updated_ms = ?
       WHERE id IN (?, ?)`,
    );
    this.advance = sqlite.prepare('UPDATE transfer_state SET paired_through = ?, paired_at = ? WHERE id = 1');
  }

  /** How far pairing has looked: rows above `through`, or changed after `at`, are new to it. */
  progress(): { through: number; at: string } {
    return (this.state.get() as { through: number; at: string } | undefined) ?? { through: 0, at: '' };
  }

  /**
   * Posted inflows (or outflows) not in a pair and not refused by the person, new since
   * the last pairing, read one at a time: an import of 300,000 lines brings as many new
   * outflows, which held at once took 110 MB. (Reads may run while it is open; the pairs
   * are written after.)
   */
  *unpairedSince(through: number, at: string, direction: 'in' | 'out'): IterableIterator<TransferRow> {
    // A row changed after `at` is one that posted late: its date lies within a settling window of `at`.
    const recent = at === '' ? '0000-01-01' : shift(at.slice(0, 10), -RECENT_DAYS);
    for (const raw of (direction === 'in' ? this.freshIn : this.freshOut).iterate(
      through,
      recent,
      at,
    ) as IterableIterator<RawRow>)
      yield toRow(raw);
  }

  /** The rows that could be the other side of `row`: the opposite amount, a few days around it, another account. */
  counterparts(row: TransferRow): TransferRow[] {
    const out = row.amountCents < 0;
    const from = out ? shift(row.date, -DAYS_BEFORE) : shift(row.date, -DAYS_AFTER);
    const to = out ? shift(row.date, DAYS_AFTER) : shift(row.date, DAYS_BEFORE);
    return (this.matches.all(-row.amountCents, from, to, row.currency, row.accountId) as RawRow[]).map(toRow);
  }

  /**
   * The amounts of the posted inflows up to row `through` that are in no pair and not
   * refused: an outflow of none of these has no older counterpart (counterparts' terms).
   */
  unpairedInflowAmounts(through: number): Set<number> {
    const amounts = this.sqlite
      .prepare(
        `SELECT DISTINCT t.amount_cents FROM transactions t INDEXED BY transactions_amount_date
         WHERE t.amount_cents > 0 AND ${FREE} AND t.id <= ?`,
      )
      .pluck()
      .all(through) as number[];
    return new Set(amounts);
  }

  /** Stores the pairs and moves the progress mark, in one transaction. */
  save(pairs: readonly TransferCandidate[], source: 'auto' | 'user', through: number, nowIso: string): void {
    this.sqlite.transaction(() => {
      for (const p of pairs) {
        const id = Number(
          this.insert.run(p.out.id, p.in.id, p.confidence, source, JSON.stringify(p.reasons), nowIso).lastInsertRowid,
        );
        this.mark.run(id, storedMs(nowIso), p.out.id, p.in.id);
      }
      this.advance.run(through, nowIso);
    })();
  }
}
